import type { OperationContext } from '../../core/operation.js';
import type { OperationResult } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { getApplication } from '../gitops/argocd-operation.js';
import { driftOf, parseInventoryId, type Drift, type ResourceId } from '../gitops/drift.js';
import { getFlux } from '../gitops/flux-object.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import type { OperationBody } from './operation-deps.js';
import { requireOwner, type GitOpsDeps } from './gitops-scope.js';
import { readOnlyOperation } from './read-only-operation.js';
import { result } from './outcome.js';
import { workloadTarget } from './workload-scope.js';

/** Argo CD: the resources it reports OutOfSync. Flux: everything in its inventory (it reports no per-object drift). */
async function candidates(clients: ClusterClients, owner: GitOpsOwner, signal: AbortSignal): Promise<ResourceId[]> {
  if (owner.tool === 'argocd') {
    const app = await getApplication(clients, owner, signal);
    return (app.status?.resources ?? [])
      .filter((r) => r.status === 'OutOfSync')
      .map((r) => ({ group: r.group ?? '', version: r.version ?? 'v1', kind: r.kind, namespace: r.namespace ?? '', name: r.name }));
  }
  const obj = await getFlux(clients, owner, signal);
  return (obj.status?.inventory?.entries ?? []).flatMap((e) => parseInventoryId(e.id, e.v ?? 'v1') ?? []);
}

function describe(owner: GitOpsOwner, drifts: Drift[]): OperationResult {
  const drifted = drifts.filter((d) => d.diff || d.note);
  const diff = drifted.map((d) => d.diff || `# ${d.resource.kind}/${d.resource.name}: ${d.note ?? ''}`).join('\n');
  const summary = drifted.length
    ? `${describeOwner(owner)}: ${drifted.length} resource(s) drifted from Git (${drifted.map((d) => `${d.resource.kind}/${d.resource.name}`).join(', ')})`
    : `${describeOwner(owner)}: no drift, the cluster matches what was applied from Git`;
  return result('succeeded', summary, {
    sections: drifted.length ? [{ title: 'Drift (live → Git), env values masked', text: diff, preformatted: true }] : [],
    facts: { drifted: drifted.length, checked: drifts.length },
  });
}

/** `/k8s diff`: drift between Git (what the controller applied) and the cluster, as a unified diff. */
export function diffOperation(deps: GitOpsDeps): OperationBody {
  return readOnlyOperation({
    command: 'diff',
    target: workloadTarget,
    summary: (ctx) => `drift between Git and ${ctx.scope.app ?? 'the app'} in ${ctx.scope.env}`,
    async execute(ctx: OperationContext) {
      const { clients, owner } = await requireOwner(deps, ctx);
      const drifts: Drift[] = [];
      for (const r of await candidates(clients, owner, ctx.signal)) {
        const d = await driftOf(clients, deps.sanitizer, r, ctx.signal);
        // Argo CD compares with Git's target revision; what it last applied may be an older one (a rollback, a pending commit).
        drifts.push(owner.tool === 'argocd' && !d.diff && !d.note ? { ...d, note: 'matches what Argo CD last applied, but Git\'s target revision differs (a newer commit, or a rollback still in effect)' } : d);
      }
      return describe(owner, drifts);
    },
  });
}
