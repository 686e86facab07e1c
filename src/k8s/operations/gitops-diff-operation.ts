import type { OperationContext } from '../../core/operation.js';
import type { OperationResult } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { getApplication } from '../gitops/argocd-operation.js';
import { driftOf, parseInventoryId, type Drift, type ResourceId } from '../gitops/drift.js';
import { getFlux, type FluxObject } from '../gitops/flux-object.js';
import type { GitOpsOwner } from '../gitops/gitops-owner.js';
import type { OperationBody } from './operation-deps.js';
import { requireOwner, type GitOpsDeps } from './gitops-scope.js';
import { readOnlyOperation } from './read-only-operation.js';
import { describeDrift, describeSourceDiff } from './flux-diff-report.js';
import { diffFluxSource } from './flux-source-diff.js';
import { report } from './outcome.js';
import { workloadTarget } from './workload-scope.js';

/** Argo CD: the resources it reports OutOfSync. Flux (fallback only): everything in its inventory. */
async function candidates(clients: ClusterClients, owner: GitOpsOwner, flux: FluxObject | undefined, signal: AbortSignal): Promise<ResourceId[]> {
  if (owner.tool === 'argocd') {
    const app = await getApplication(clients, owner, signal);
    return (app.status?.resources ?? [])
      .filter((r) => r.status === 'OutOfSync')
      .map((r) => ({ group: r.group ?? '', version: r.version ?? 'v1', kind: r.kind, namespace: r.namespace ?? '', name: r.name }));
  }
  return (flux?.status?.inventory?.entries ?? []).flatMap((e) => parseInventoryId(e.id, e.v ?? 'v1') ?? []);
}

/** Each candidate against the last-applied configuration it carries. */
async function lastAppliedDrift(deps: GitOpsDeps, clients: ClusterClients, owner: GitOpsOwner, flux: FluxObject | undefined, signal: AbortSignal): Promise<Drift[]> {
  const drifts: Drift[] = [];
  for (const r of await candidates(clients, owner, flux, signal)) {
    const d = await driftOf(clients, deps.sanitizer, r, signal);
    // Argo CD compares with Git's target revision; what it last applied may be an older one (a rollback, a pending commit).
    drifts.push(owner.tool === 'argocd' && !d.diff && !d.note ? { ...d, note: 'matches what Argo CD last applied, but Git\'s target revision differs (a newer commit, or a rollback still in effect)' } : d);
  }
  return drifts;
}

/** Flux: a server-side dry-run of the rendered source; when that cannot be had, the labelled last-applied comparison. */
async function fluxDiff(deps: GitOpsDeps, ctx: OperationContext, clients: ClusterClients, owner: GitOpsOwner & { tool: 'flux' }): Promise<OperationResult> {
  const obj = await getFlux(clients, owner, ctx.signal);
  if (owner.kind === 'Kustomization') {
    const source = await diffFluxSource(deps.fluxSources, clients, deps.sanitizer, obj, ctx.signal);
    if (source.ok) return describeSourceDiff(owner, source.diff);
    await report(ctx, 'step', `Source not rendered: ${source.reason}; comparing with what Flux last applied instead`);
    return describeDrift(owner, await lastAppliedDrift(deps, clients, owner, obj, ctx.signal), source.reason);
  }
  const why = 'a HelmRelease\'s chart is not rendered by /k8s diff';
  return describeDrift(owner, await lastAppliedDrift(deps, clients, owner, obj, ctx.signal), why);
}

/** `/k8s diff`: drift between Git and the cluster, as a unified diff. */
export function diffOperation(deps: GitOpsDeps): OperationBody {
  return readOnlyOperation({
    command: 'diff',
    target: workloadTarget,
    summary: (ctx) => `drift between Git and ${ctx.scope.app ?? 'the app'} in ${ctx.scope.env}`,
    async execute(ctx: OperationContext) {
      const { clients, owner } = await requireOwner(deps, ctx);
      if (owner.tool === 'flux') return fluxDiff(deps, ctx, clients, owner);
      return describeDrift(owner, await lastAppliedDrift(deps, clients, owner, undefined, ctx.signal));
    },
  });
}
