import type { OperationContext } from '../../core/operation.js';
import { getNode, isCordoned } from '../nodes/cordon.js';
import { podsOnNode } from '../nodes/drain.js';
import type { PodTemplate } from '../objects/k8s-object.js';
import { getWorkload } from '../client/kube-call.js';
import { rolloutVerdict } from '../workloads/rollout-rules.js';
import { currentRevision, templateImages, workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, type OperationDeps } from './operation-deps.js';
import { requireWorkload, wl } from './workload-scope.js';

/** For `interrupted` messages: what the workload runs now and where its rollout stands. */
export async function describeWorkloadState(deps: OperationDeps, ctx: OperationContext): Promise<string> {
  const clients = clientsOf(deps, ctx);
  const w = requireWorkload(ctx);
  const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
  const revision = currentRevision(await workloadHistory(clients, obj, ctx.signal));
  const images = templateImages((obj['spec'] as { template?: PodTemplate } | undefined)?.template).join(', ');
  return `${wl(w)}: revision ${revision}, image(s) ${images}; ${rolloutVerdict(obj).message}`;
}

/** For `interrupted` messages: whether the node is cordoned and how many pods still run on it. */
export async function describeNodeState(deps: OperationDeps, ctx: OperationContext, node: string): Promise<string> {
  const clients = clientsOf(deps, ctx);
  const [n, pods] = await Promise.all([getNode(clients, node, ctx.signal), podsOnNode(clients, node, ctx.signal)]);
  const running = pods.filter((p) => !['Succeeded', 'Failed'].includes(String((p['status'] as { phase?: string } | undefined)?.phase)));
  return `node/${node}: ${isCordoned(n) ? 'cordoned' : 'schedulable'}, ${running.length} pod(s) still on it`;
}
