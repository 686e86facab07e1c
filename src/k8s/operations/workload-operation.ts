import { PatchStrategy } from '@kubernetes/client-node';
import type { Operation, OperationContext } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { FIELD_MANAGER, getWorkload, kubeCall, workloadPath } from '../client/kube-call.js';
import { currentRevision, workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, type OperationDeps, type OperationBody } from './operation-deps.js';
import { requireWorkload, workloadFingerprint, workloadTarget } from './workload-scope.js';
import { describeWorkloadState } from './current-state.js';
import { provenanceAnnotations, withAnnotations, type PatchBody } from '../objects/provenance.js';
import { provenanceOf } from './request-provenance.js';

/** A mutating operation on the scope's workload: it locks that workload and reports its state when interrupted. */
export function workloadOperation(deps: OperationDeps, parts: Pick<Operation, 'command' | 'plan' | 'fingerprint' | 'execute'>): OperationBody {
  return {
    target: workloadTarget,
    describeCurrentState: (ctx) => describeWorkloadState(deps, ctx),
    ...parts,
  };
}

export interface WorkloadPatch extends PatchBody {
  /** e.g. `scale`; the workload itself when absent. */
  subresource?: string;
  contentType: PatchStrategy;
}

/** PATCHes the scope's workload like kubectl (our field manager); `dryRun` makes it a server-side dry run. */
export async function patchWorkload(
  clients: ClusterClients,
  ctx: OperationContext,
  patch: WorkloadPatch,
  opts: { dryRun: boolean; warnings?: string[] | undefined },
): Promise<KObject> {
  const w = requireWorkload(ctx);
  const path = workloadPath(w.kind, w.namespace, w.name);
  const send = (p: PatchBody, at: string) =>
    kubeCall<KObject>(clients, {
      method: 'PATCH',
      path: at,
      query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
      body: p.body,
      contentType: p.contentType,
      signal: ctx.signal,
      ...(opts.warnings ? { warnings: opts.warnings } : {}),
    });
  // A subresource (scale) cannot carry the workload's annotations: see annotateWorkload.
  if (patch.subresource) return send(patch, `${path}/${patch.subresource}`);
  // A dry run happens before approval: there is no provenance to record yet.
  return send(opts.dryRun ? patch : withAnnotations(patch, provenanceAnnotations(provenanceOf(ctx))), path);
}

/**
 * Records the request's provenance on the workload with a merge PATCH of its annotations alone,
 * as `kubectl annotate` (and `kubectl scale --record` before it) does: the second write a change
 * through a subresource needs. It changes no spec, so it starts no rollout.
 */
export async function annotateWorkload(clients: ClusterClients, ctx: OperationContext): Promise<void> {
  // An empty merge patch that patchWorkload gives the provenance annotations, and nothing else.
  await patchWorkload(clients, ctx, { body: {}, contentType: PatchStrategy.MergePatch }, { dryRun: false });
}

/** The fingerprint for changes that create a revision: any new revision voids the approval. */
export async function revisionFingerprint(deps: OperationDeps, ctx: OperationContext): Promise<string> {
  const clients = clientsOf(deps, ctx);
  const w = requireWorkload(ctx);
  const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
  return workloadFingerprint(obj, currentRevision(await workloadHistory(clients, obj, ctx.signal)));
}
