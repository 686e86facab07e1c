import { ConflictError, InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { type Application, type Initiator, automatedOf, runningOperation, shortSha } from '../gitops/argocd-application.js';
import { getApplication, refreshApplication, setAppOperation, waitForOperation, type AppRef } from '../gitops/argocd-operation.js';
import { type FluxObject, getFlux, readyOf, requestReconcile, sourceOf, waitForReconcile, type FluxRef } from '../gitops/flux-object.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import { pollUntil } from '../gitops/poll.js';
import { skippedDryRun } from './dry-run.js';
import type { OperationBody } from './operation-deps.js';
import { initiator, ownerFingerprint, pollOptions, requireOwner, withOwnerLock, type GitOpsDeps } from './gitops-scope.js';
import { report, result } from './outcome.js';
import { workloadTarget } from './workload-scope.js';
import { describeWorkloadState } from './current-state.js';

export function refuseWhileRunning(app: Application, ref: AppRef): void {
  const running = runningOperation(app);
  if (running) throw new ConflictError(`another operation is already in progress on Application ${ref.namespace}/${ref.name}: ${running}`, { retryable: false });
}

export async function ownerObject(clients: ClusterClients, owner: GitOpsOwner, signal: AbortSignal): Promise<Application | FluxObject> {
  return owner.tool === 'argocd' ? getApplication(clients, owner, signal) : getFlux(clients, owner, signal);
}

/**
 * Runs an Argo CD sync operation (as the API server sets it) and watches it to a terminal phase,
 * then, when `settle` says so, to the state the caller needs (Synced/Healthy, or Healthy only).
 */
export async function runArgoSync(
  deps: GitOpsDeps,
  ctx: OperationContext,
  clients: ClusterClients,
  ref: AppRef,
  sync: { revision?: string; prune?: boolean; source?: Record<string, unknown> },
  settle: (app: Application) => boolean,
  opts: { refreshFirst: boolean },
): Promise<{ ok: boolean; app: Application; message: string }> {
  const username = initiator(ctx);
  let ours = (i: Initiator | undefined): boolean => i?.username === username;
  const auto = opts.refreshFirst ? await adoptAutoSync(deps, ctx, clients, ref) : undefined;
  if (auto) ours = (i) => i?.automated === true;
  else {
    await setAppOperation(clients, ref, { sync, initiatedBy: { username } }, ctx.signal);
    await report(ctx, 'step', `operation.sync set on Application ${ref.namespace}/${ref.name}${sync.revision ? ` (revision ${shortSha(sync.revision)})` : ''} by ${username}`);
  }
  const { state } = await waitForOperation(clients, ref, ours, {
    ...pollOptions(deps, ctx, 'the sync operation to finish'),
    onPhase: (s) => void report(ctx, 'status', `sync ${s.phase ?? ''}${s.message ? `: ${s.message}` : ''}`),
  });
  const message = `sync ${state.phase ?? '?'}: ${state.message ?? ''}`;
  await report(ctx, 'step', message);
  if (state.phase !== 'Succeeded') return { ok: false, app: await getApplication(clients, ref, ctx.signal), message };
  const app = await pollUntil(async () => {
    const a = await getApplication(clients, ref, ctx.signal);
    return settle(a) ? a : undefined;
  }, pollOptions(deps, ctx, 'the Application to become healthy'));
  return { ok: true, app, message };
}

/**
 * Refreshes first (so the newest commit is compared). With auto-sync on, that refresh may start
 * Argo CD's own sync of the new commit: then that operation is the sync, and is watched instead.
 */
async function adoptAutoSync(deps: GitOpsDeps, ctx: OperationContext, clients: ClusterClients, ref: AppRef): Promise<boolean> {
  const app = await refreshApplication(clients, ref, pollOptions(deps, ctx, 'the Application refresh'));
  const op = app.operation ?? (app.status?.operationState?.phase === 'Running' ? app.status.operationState.operation : undefined);
  if (op?.initiatedBy?.automated !== true) return false;
  await report(ctx, 'step', `refreshed: Argo CD's auto-sync started syncing ${shortSha(op.sync?.revision)}; watching that operation`);
  return true;
}

export const syncedAndHealthy = (a: Application): boolean => a.status?.sync?.status === 'Synced' && a.status.health?.status === 'Healthy';

async function syncArgo(deps: GitOpsDeps, ctx: OperationContext, clients: ClusterClients, ref: AppRef): Promise<OperationResult> {
  const app = await getApplication(clients, ref, ctx.signal);
  // Argo CD's server: with auto-sync on, only the target revision (sent empty); otherwise the target itself.
  const target = app.spec?.source?.targetRevision;
  const sync = automatedOf(app) ? {} : { ...(target ? { revision: target } : {}) };
  const out = await runArgoSync(deps, ctx, clients, ref, sync, syncedAndHealthy, { refreshFirst: true });
  const s = out.app.status;
  const facts = { syncStatus: s?.sync?.status ?? 'Unknown', health: s?.health?.status ?? 'Unknown', revision: s?.sync?.revision ?? '' };
  if (!out.ok) return result('failed', `Application ${ref.namespace}/${ref.name}: ${out.message}`, { facts });
  return result('succeeded', `Application ${ref.namespace}/${ref.name} Synced and Healthy at ${shortSha(s?.sync?.revision)}`, { facts });
}

/** `flux reconcile --with-source`: the source first (so a new commit is picked up), then the object. */
async function syncFlux(deps: GitOpsDeps, ctx: OperationContext, clients: ClusterClients, ref: FluxRef): Promise<OperationResult> {
  const obj = await getFlux(clients, ref, ctx.signal);
  if (obj.spec?.suspend === true) throw new InvalidError(`Flux ${ref.kind} ${ref.namespace}/${ref.name} is suspended; run /k8s resume first`);
  const source = sourceOf(obj, ref.kind);
  if (source) {
    const token = await requestReconcile(clients, source, ctx.signal);
    await report(ctx, 'step', `reconcile requested on GitRepository ${source.namespace}/${source.name}`);
    const src = await waitForReconcile(clients, source, token, pollOptions(deps, ctx, 'the source to reconcile'));
    await report(ctx, 'step', `source at ${src.status?.artifact?.revision ?? 'no artifact'}`);
  }
  const token = await requestReconcile(clients, ref, ctx.signal);
  await report(ctx, 'step', `reconcile requested on ${ref.kind} ${ref.namespace}/${ref.name}`);
  const done = await waitForReconcile(clients, ref, token, pollOptions(deps, ctx, `the ${ref.kind} to reconcile`));
  const ready = readyOf(done);
  const facts = { ready: ready?.status ?? 'Unknown', revision: done.status?.lastAppliedRevision ?? '' };
  const line = `${ref.kind} ${ref.namespace}/${ref.name}: Ready ${ready?.status ?? '?'} ${ready?.reason ?? ''} (${ready?.message ?? ''})`;
  return result(ready?.status === 'True' ? 'succeeded' : 'failed', line, { facts });
}

/** `/k8s sync`: through the owner's resources, watched to a terminal state. */
export function syncOperation(deps: GitOpsDeps): OperationBody {
  return {
    command: 'sync',
    target: workloadTarget,
    describeCurrentState: (ctx) => describeWorkloadState(deps, ctx),
    async plan(ctx): Promise<Plan> {
      const { clients, owner, detected } = await requireOwner(deps, ctx);
      const obj = await ownerObject(clients, owner, ctx.signal);
      if (owner.tool === 'argocd') refuseWhileRunning(obj as Application, owner);
      const how = owner.tool === 'argocd' ? `set operation.sync (target ${(obj as Application).spec?.source?.targetRevision ?? 'HEAD'})` : 'request a reconcile of its source and of it';
      const plan: Plan = {
        target: workloadTarget(ctx), summary: `sync ${describeOwner(owner)}: ${how}`, diff: '', dryRun: skippedDryRun(),
        fingerprint: ownerFingerprint(owner, obj), noop: false, facts: { gitopsOwner: describeOwner(owner) }, owner: detected,
      };
      return withOwnerLock(plan, ctx.scope.cluster, owner);
    },
    async fingerprint(ctx) {
      const { clients, owner } = await requireOwner(deps, ctx);
      return ownerFingerprint(owner, await ownerObject(clients, owner, ctx.signal));
    },
    async execute(ctx) {
      const { clients, owner } = await requireOwner(deps, ctx);
      return owner.tool === 'argocd' ? syncArgo(deps, ctx, clients, owner) : syncFlux(deps, ctx, clients, owner);
    },
  };
}
