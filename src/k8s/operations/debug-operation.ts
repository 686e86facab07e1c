import { captureBundle } from '../workloads/debug-capture.js';
import type { KObject } from '../objects/k8s-object.js';
import { workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, type OperationDeps, type OperationBody } from './operation-deps.js';
import { readOnlyOperation } from './read-only-operation.js';
import { result } from './outcome.js';
import { podOrWorkloadTarget, resolvePods } from './pod-targets.js';

/** `/k8s debug`: a redacted capture bundle as a file plus a summary section. */
export function debugOperation(deps: OperationDeps): OperationBody {
  return readOnlyOperation({
    command: 'debug',
    target: podOrWorkloadTarget,
    summary: (ctx) => `debug capture of ${podOrWorkloadTarget(ctx).name}`,
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const { root, pods } = await resolvePods(clients, ctx, ctx.signal, 10);
      // describe deployment lists its ReplicaSets; ControllerRevisions are summarised without their data.
      const related: KObject[] = root.kind === 'Pod' ? [] : (await workloadHistory(clients, root, ctx.signal).catch(() => [])).map((h) => ({ ...h.object, kind: root.kind === 'Deployment' ? 'ReplicaSet' : 'ControllerRevision' }));
      const bundle = await captureBundle(clients, deps.sanitizer, root, pods, related, ctx.signal);
      const t = podOrWorkloadTarget(ctx);
      return result('succeeded', `debug capture of ${t.kind.toLowerCase()}/${t.name}: ${pods.length} pod(s)`, {
        sections: [{ title: 'Pods', text: bundle.summary.join('\n'), preformatted: true }],
        files: bundle.files,
        facts: { pods: pods.length },
      });
    },
  });
}
