import { InvalidError } from '../../core/errors.js';
import type { TargetRef } from '../../core/target.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { getWorkload, kubeCall, podPath } from '../client/kube-call.js';
import { workloadPods } from '../workloads/pod-logs.js';
import { requireWorkload } from './workload-scope.js';
import { type Ctx } from './operation-deps.js';

/** logs/debug name an app (resolved by config into scope.workload) or a pod. */
export function podOrWorkloadTarget(ctx: Ctx): TargetRef {
  const inv = ctx.invocation;
  if (inv.command !== 'logs' && inv.command !== 'debug') throw new InvalidError('this command needs an app or a pod');
  if (ctx.scope.workload) return { cluster: ctx.scope.cluster, namespace: ctx.scope.namespace, kind: ctx.scope.workload.kind, name: ctx.scope.workload.name };
  return { cluster: ctx.scope.cluster, namespace: ctx.scope.namespace, kind: 'Pod', name: inv.target };
}

/** The root object and its pods: the workload's pods (newest first), or the single named pod. */
export async function resolvePods(clients: ClusterClients, ctx: Ctx, signal: AbortSignal, max: number): Promise<{ root: KObject; pods: KObject[] }> {
  const t = podOrWorkloadTarget(ctx);
  if (t.kind === 'Pod') {
    const pod = await kubeCall(clients, { method: 'GET', path: podPath(t.namespace, t.name), signal });
    return { root: { ...pod, kind: 'Pod' }, pods: [{ ...pod, kind: 'Pod' }] };
  }
  const w = requireWorkload(ctx);
  const root = await getWorkload(clients, w, w.namespace, signal);
  const pods = (await workloadPods(clients, root, signal))
    .filter((p) => !p.metadata?.deletionTimestamp)
    .sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''))
    .slice(0, max)
    .map((p) => ({ ...p, kind: 'Pod' }));
  return { root, pods };
}
