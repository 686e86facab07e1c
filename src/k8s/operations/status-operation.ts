import type { PodTemplate } from '../objects/k8s-object.js';
import { eventsFor } from '../objects/events.js';
import { getWorkload } from '../client/kube-call.js';
import { rolloutVerdict } from '../workloads/rollout-rules.js';
import { currentRevision, templateImages, workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, type OperationDeps, type OperationBody } from './operation-deps.js';
import { readOnlyOperation } from './read-only-operation.js';
import { requireWorkload, wl, workloadTarget } from './workload-scope.js';
import { result } from './outcome.js';

/** `/k8s status`: rollout state, images, ready/desired, revision, recent warnings. */
export function statusOperation(deps: OperationDeps): OperationBody {
  return readOnlyOperation({
    command: 'status',
    target: workloadTarget,
    summary: (ctx) => `status of ${wl(requireWorkload(ctx))}`,
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      const revision = currentRevision(await workloadHistory(clients, obj, ctx.signal));
      const verdict = rolloutVerdict(obj);
      const spec = (obj['spec'] ?? {}) as { replicas?: number; template?: PodTemplate };
      const status = (obj['status'] ?? {}) as Record<string, number | undefined>;
      const desired = obj.kind === 'DaemonSet' ? (status['desiredNumberScheduled'] ?? 0) : (spec.replicas ?? 1);
      const ready = obj.kind === 'DaemonSet' ? (status['numberReady'] ?? 0) : (status['readyReplicas'] ?? 0);
      const images = templateImages(spec.template).join(', ');
      // Events are a nice-to-have: a refused or slow events list must not hide the status itself.
      const warnings = (await eventsFor(clients, obj, ctx.signal).catch(() => [])).filter((e) => e.type === 'Warning').slice(-5);
      const lines = [
        `rollout: ${verdict.message}`,
        `ready: ${ready}/${desired}`,
        `image(s): ${images}`,
        `revision: ${revision}`,
        ...(warnings.length ? ['recent warnings:', ...warnings.map((e) => `  ${e.reason}: ${e.message}`)] : []),
      ];
      return result('succeeded', `${wl(w)}: ${ready}/${desired} ready, ${images}, revision ${revision}`, {
        sections: [{ title: `${wl(w)} in ${ctx.scope.env}`, text: lines.join('\n'), preformatted: true }],
        facts: { ready, desired, revision, images, rollout: verdict.state },
      });
    },
  });
}
