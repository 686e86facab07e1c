import { getWorkload } from '../client/kube-call.js';
import { readWorkloadStatus } from '../workloads/workload-status.js';
import { clientsOf, type OperationDeps, type OperationBody } from './operation-deps.js';
import { readOnlyOperation } from './read-only-operation.js';
import { requireWorkload, wl, workloadTarget } from './workload-scope.js';
import { result } from './outcome.js';

/**
 * `/k8s status`: rollout state, ready/desired, the images that actually run per revision, pods
 * in trouble and recent Warning events. Returned as a report; slack/views renders it.
 */
export function statusOperation(deps: OperationDeps): OperationBody {
  return readOnlyOperation({
    command: 'status',
    target: workloadTarget,
    summary: (ctx) => `status of ${wl(requireWorkload(ctx))}`,
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const report = await readWorkloadStatus(clients, await getWorkload(clients, w, w.namespace, ctx.signal), ctx.signal);
      const troubled = report.troubledPods.length;
      const images = report.specImages.join(', ');
      const running = report.versions.length > 1 ? `, ${report.versions.length} versions running` : '';
      const trouble = troubled ? `, ${troubled} pod(s) failing or not ready` : '';
      return result('succeeded', `${wl(w)}: ${report.ready}/${report.desired} ready, ${images}, revision ${report.revision}${running}${trouble}`, {
        facts: { ready: report.ready, desired: report.desired, revision: report.revision, images, rollout: report.rollout.state, troubledPods: troubled, versions: report.versions.length },
        report,
      });
    },
  });
}
