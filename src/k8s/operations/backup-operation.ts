import { CancelledError, ConflictError, InvalidError, NotFoundError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { kubeCall, listAll } from '../client/kube-call.js';
import { yamlDiff } from '../objects/spec-diff.js';
import {
  backupName,
  backupSeries,
  backupsPath,
  backupStatus,
  buildBackup,
  createBackup,
  defaultStorageLocation,
  getBackup,
  REQUEST_ID_LABEL,
  VELERO_NAMESPACE,
  veleroMissing,
  waitForBackup,
  type BackupStatus,
  type BackupWait,
} from '../objects/velero.js';
import { clientsOf, type Ctx, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRun } from './dry-run.js';
import { report, result } from './outcome.js';

/** The namespaces named, or the environment's own; deduplicated, in the order given. */
function namespacesOf(ctx: Ctx): string[] {
  const inv = ctx.invocation;
  if (inv.command !== 'backup') throw new InvalidError('backup needs an environment');
  return inv.namespaces.length > 0 ? [...new Set(inv.namespaces)] : [ctx.scope.namespace];
}

/** One backup per environment at a time: the lock is on the environment's backup series. */
const backupTarget = (ctx: Ctx): TargetRef => ({
  cluster: ctx.scope.cluster,
  namespace: VELERO_NAMESPACE,
  kind: 'Backup',
  name: backupSeries(ctx.scope.env),
});

async function requireVelero(clients: ClusterClients, ctx: OperationContext): Promise<void> {
  const missing = await veleroMissing(clients, ctx.signal);
  if (missing) throw new InvalidError(`cannot back up ${ctx.scope.env}: ${missing}`);
}

async function requireNamespaces(clients: ClusterClients, namespaces: string[], signal: AbortSignal): Promise<void> {
  const absent: string[] = [];
  for (const ns of namespaces) {
    await kubeCall(clients, { method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}`, signal }).catch((err: unknown) => {
      if (!(err instanceof NotFoundError)) throw err;
      absent.push(ns);
    });
  }
  if (absent.length) throw new InvalidError(`cannot back up: namespace(s) ${absent.join(', ')} do not exist in cluster ${clients.cluster}`);
}

async function fingerprintOf(clients: ClusterClients, namespaces: string[], signal: AbortSignal): Promise<string> {
  const location = await defaultStorageLocation(clients, signal).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  return `ns=${[...namespaces].sort().join(',')}|bsl=${location ? `${location.name}/${location.fingerprint}` : ''}`;
}

function backupObject(ctx: OperationContext, name: string, storageLocation: string | undefined): KObject {
  return buildBackup({
    name,
    namespaces: namespacesOf(ctx),
    ...(storageLocation ? { storageLocation } : {}),
    requestId: ctx.requestId,
    requester: ctx.requester,
    env: ctx.scope.env,
  });
}

async function planBackup(deps: OperationDeps, ctx: OperationContext): Promise<Plan> {
  const clients = clientsOf(deps, ctx);
  const namespaces = namespacesOf(ctx);
  await requireVelero(clients, ctx);
  await requireNamespaces(clients, namespaces, ctx.signal);
  const location = await defaultStorageLocation(clients, ctx.signal);
  const name = backupName(ctx.scope.env, new Date(), ctx.requestId);
  const backup = backupObject(ctx, name, location?.name);
  const dry = await dryRun((warnings) => createBackup(clients, backup, { dryRun: true, signal: ctx.signal, warnings }));
  const noLocation = `no BackupStorageLocation is marked default in namespace ${VELERO_NAMESPACE}: Velero would fail the backup's validation`;
  return {
    target: backupTarget(ctx),
    summary: `Velero backup ${name} of namespace(s) ${namespaces.join(', ')}${location ? ` to storage location ${location.name}` : ''}`,
    diff: yamlDiff(deps.sanitizer, `${VELERO_NAMESPACE}/backups/${name}`, undefined, backup),
    dryRun: location ? dry : { ...dry, ok: false, message: noLocation },
    fingerprint: await fingerprintOf(clients, namespaces, ctx.signal),
    noop: false,
    facts: { backup: name, namespaces: namespaces.join(','), storageLocation: location?.name ?? '' },
  };
}

/** Creates the planned Backup; a retry that finds its own request's backup adopts it instead of failing. */
async function createPlanned(clients: ClusterClients, ctx: OperationContext, plan: Plan): Promise<string> {
  const name = typeof plan.facts['backup'] === 'string' ? plan.facts['backup'] : backupName(ctx.scope.env, new Date(), ctx.requestId);
  const location = typeof plan.facts['storageLocation'] === 'string' ? plan.facts['storageLocation'] : undefined;
  try {
    await createBackup(clients, backupObject(ctx, name, location), { dryRun: false, signal: ctx.signal });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const existing = await getBackup(clients, name, ctx.signal);
    if (existing.metadata?.labels?.[REQUEST_ID_LABEL] !== ctx.requestId) throw err;
  }
  return name;
}

function progressText(name: string, s: BackupStatus): string {
  const items = s.totalItems !== undefined ? `: ${s.itemsBackedUp ?? 0}/${s.totalItems} items backed up` : '';
  return `backup ${name} ${s.phase}${items}`;
}

async function executeBackup(deps: OperationDeps, ctx: OperationContext, plan: Plan): Promise<OperationResult> {
  const clients = clientsOf(deps, ctx);
  const name = await createPlanned(clients, ctx, plan);
  await report(ctx, 'step', `created Velero backup ${name} of ${namespacesOf(ctx).join(', ')}; waiting for it to finish`);
  const waited = await waitForBackup(clients, name, {
    timeoutMs: ctx.limits.rolloutTimeoutMs,
    signal: ctx.signal,
    reopenDelayMs: deps.timing.retryBaseMs,
    onUpdate: (s) => void report(ctx, 'status', progressText(name, s)),
  }).catch((err: unknown) => {
    if (!(err instanceof CancelledError)) throw err;
    throw new CancelledError(`cancelled while waiting; Velero backup ${name} was already created and Velero keeps running it`, { cause: err });
  });
  return backupResult(name, waited, ctx);
}

function backupResult(name: string, waited: BackupWait, ctx: OperationContext): OperationResult {
  const s = waited.status;
  const terminal = waited.done ? waited.status : undefined;
  const lines = [
    `backup: ${name} (namespace ${VELERO_NAMESPACE})`,
    `namespaces: ${namespacesOf(ctx).join(', ')}`,
    `phase: ${s?.phase ?? 'unknown'}`,
    ...(s?.totalItems !== undefined ? [`items: ${s.itemsBackedUp ?? 0}/${s.totalItems}`] : []),
    `errors: ${s?.errors ?? 0}, warnings: ${s?.warnings ?? 0}`,
    ...(s?.failureReason ? [`failure reason: ${s.failureReason}`] : []),
    ...(s?.validationErrors.length ? ['validation errors:', ...s.validationErrors.map((e) => `  ${e}`)] : []),
  ];
  const facts = { backup: name, phase: s?.phase ?? 'unknown', errors: s?.errors ?? 0, warnings: s?.warnings ?? 0 };
  const details = `details: velero backup describe ${name} --details; velero backup logs ${name}`;
  if (!terminal) {
    const ms = ctx.limits.rolloutTimeoutMs;
    const waited = ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
    return result('failed', `backup ${name} did not finish within ${waited} (last phase ${s?.phase ?? 'unknown'}); Velero keeps working on it`, {
      sections: [{ title: 'Backup', text: [...lines, details].join('\n'), preformatted: true }],
      facts,
    });
  }
  const ok = terminal.phase === 'Completed';
  const counts = terminal.errors || terminal.warnings ? ` (${terminal.errors} error(s), ${terminal.warnings} warning(s))` : '';
  const summary = ok ? `backup ${name} completed${counts}` : `backup ${name} ended ${terminal.phase}${counts}${terminal.failureReason ? `: ${terminal.failureReason}` : ''}`;
  return result(ok ? 'succeeded' : 'failed', summary, {
    sections: [{ title: 'Backup', text: [...lines, ...(ok && !terminal.errors && !terminal.warnings ? [] : [details])].join('\n'), preformatted: true }],
    facts,
  });
}

async function describeBackups(deps: OperationDeps, ctx: OperationContext): Promise<string> {
  const mine = await listAll(clientsOf(deps, ctx), backupsPath(), { labelSelector: `${REQUEST_ID_LABEL}=${ctx.requestId}` }, ctx.signal);
  if (!mine.length) return `no Velero backup was created for ${ctx.requestId}`;
  return mine.map((b) => progressText(b.metadata?.name ?? '?', backupStatus(b))).join('; ');
}

/** `/k8s backup <env> [namespace…]`: a Velero Backup, watched to a terminal phase. */
export function backupOperation(deps: OperationDeps): OperationBody {
  return {
    command: 'backup',
    target: backupTarget,
    plan: (ctx) => planBackup(deps, ctx),
    fingerprint: (ctx) => fingerprintOf(clientsOf(deps, ctx), namespacesOf(ctx), ctx.signal),
    execute: (ctx, plan) => executeBackup(deps, ctx, plan),
    describeCurrentState: (ctx) => describeBackups(deps, ctx),
  };
}
