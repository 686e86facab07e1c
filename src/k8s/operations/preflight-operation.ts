import { ForbiddenError, InvalidError, NotFoundError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { kubeCall, listAll } from '../client/kube-call.js';
import { checkBackupAge } from '../preflight/backup-age-check.js';
import type { CheckResult } from '../preflight/check-result.js';
import { parseKubeVersion, type KubeMinor } from '../preflight/kube-version.js';
import { createNamespaceReader, DEPLOYMENTS, PDBS, STATEFULSETS, type NamespaceReader } from '../preflight/namespace-reader.js';
import { checkNodeSkew } from '../preflight/node-skew-check.js';
import { checkPdbCoverage } from '../preflight/pdb-check.js';
import { checkRemovedApis, gatherApiUses } from '../preflight/removed-apis-check.js';
import { renderPreflight } from '../preflight/report.js';
import { checkHelmStatus, HELM_STATUS_TITLE } from '../preflight/helm-status-check.js';
import { namespaceRevisions, releaseTroubles } from '../helm/release-health.js';
import { listBackups, veleroMissing } from '../objects/velero.js';
import { clientsOf, type Ctx, type OperationDeps, type OperationBody } from './operation-deps.js';
import { readOnlyOperation } from './read-only-operation.js';
import { namespaceTarget } from './workload-scope.js';

function targetVersion(ctx: Ctx): { text: string; minor: KubeMinor } {
  if (ctx.invocation.command !== 'preflight') throw new InvalidError('preflight needs --to <version>');
  const text = ctx.invocation.toVersion;
  const minor = parseKubeVersion(text);
  if (!minor) throw new InvalidError(`"${text}" is not a Kubernetes version; use e.g. 1.32 or 1.32.1`);
  return { text, minor };
}

interface CheckInput {
  clients: ClusterClients;
  reader: NamespaceReader;
  target: KubeMinor;
  ctx: OperationContext;
}

async function removedApis({ clients, reader, target, ctx }: CheckInput): Promise<CheckResult> {
  const { uses, notes } = await gatherApiUses(clients, reader, ctx.signal);
  return checkRemovedApis(uses, target, notes);
}

async function pdbCoverage({ reader }: CheckInput): Promise<CheckResult> {
  const [deployments, statefulsets, pdbs] = await Promise.all([reader.list(DEPLOYMENTS), reader.list(STATEFULSETS), reader.list(PDBS)]);
  const result = checkPdbCoverage([...deployments.items, ...statefulsets.items], pdbs.items);
  const problems = [deployments, statefulsets, pdbs].flatMap((l) => (l.problem ? [l.problem] : []));
  return { ...result, notes: [...result.notes, ...problems] };
}

async function nodeVersions({ clients, target, ctx }: CheckInput): Promise<CheckResult> {
  const nodes = await listAll(clients, '/api/v1/nodes', {}, ctx.signal);
  // The server's own version decides whether the step is a single minor; unknown is not fatal.
  const version = await kubeCall<{ gitVersion?: string }>(clients, { method: 'GET', path: '/version', signal: ctx.signal }).catch(() => undefined);
  return checkNodeSkew(nodes, target, parseKubeVersion(version?.gitVersion ?? ''));
}

async function lastBackup({ clients, reader, ctx }: CheckInput): Promise<CheckResult> {
  const missing = await veleroMissing(clients, ctx.signal);
  const backups = missing ? undefined : await listBackups(clients, ctx.signal);
  return checkBackupAge({ namespace: reader.namespace, backups, ...(missing ? { missing } : {}), now: new Date() });
}

async function helmStatus({ clients, reader, ctx }: CheckInput): Promise<CheckResult> {
  const revisions = await namespaceRevisions(clients, reader.namespace, ctx.signal);
  return checkHelmStatus(releaseTroubles(revisions), new Set(revisions.map((r) => r.release)).size);
}

/** A check Shipmate may not read (RBAC) or that the cluster lacks is reported as skipped; outages still fail the job. */
async function guarded(title: string, run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return { title, findings: [], notes: [], skipped: `could not run: ${err.userMessage}` };
    throw err;
  }
}

/** `/k8s preflight <env> --to <version>`: upgrade readiness of the environment's namespace and its cluster. */
export function preflightOperation(deps: OperationDeps): OperationBody {
  return readOnlyOperation({
    command: 'preflight',
    target: namespaceTarget,
    summary: (ctx) => `upgrade preflight of ${ctx.scope.env} for Kubernetes ${targetVersion(ctx).text}`,
    async execute(ctx) {
      const { text, minor } = targetVersion(ctx);
      const clients = clientsOf(deps, ctx);
      const input: CheckInput = { clients, reader: createNamespaceReader(clients, ctx.scope.namespace, ctx.signal), target: minor, ctx };
      const checks = await Promise.all([
        guarded('Removed APIs', () => removedApis(input)),
        guarded('PodDisruptionBudgets', () => pdbCoverage(input)),
        guarded('Node versions', () => nodeVersions(input)),
        guarded('Last backup', () => lastBackup(input)),
        guarded(HELM_STATUS_TITLE, () => helmStatus(input)),
      ]);
      return renderPreflight({ env: ctx.scope.env, namespace: ctx.scope.namespace, toVersion: text, checks });
    },
  });
}
