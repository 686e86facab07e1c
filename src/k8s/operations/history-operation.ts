import { getWorkload } from '../client/kube-call.js';
import { templateImages, workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, type OperationDeps, type OperationBody } from './operation-deps.js';
import { readOnlyOperation } from './read-only-operation.js';
import { requireWorkload, wl, workloadTarget } from './workload-scope.js';
import { result } from './outcome.js';

function age(created: string | undefined, now: number): string {
  if (!created) return '?';
  const s = Math.max(0, Math.round((now - Date.parse(created)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

/** `/k8s history`: revisions with images, change-cause and age, newest first. */
export function historyOperation(deps: OperationDeps): OperationBody {
  return readOnlyOperation({
    command: 'history',
    target: workloadTarget,
    summary: (ctx) => `history of ${wl(requireWorkload(ctx))}`,
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      const history = (await workloadHistory(clients, obj, ctx.signal)).sort((a, b) => b.revision - a.revision);
      const now = Date.now();
      const rows = history.map((h, i) => {
        const cause = h.object.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '<none>';
        return `${String(h.revision).padEnd(9)}${age(h.object.metadata?.creationTimestamp, now).padEnd(6)}${templateImages(h.template).join(', ')}  ${cause}${i === 0 ? '  (current)' : ''}`;
      });
      const text = ['REVISION AGE   IMAGE(S)  CHANGE-CAUSE', ...rows].join('\n');
      return result('succeeded', `${wl(w)}: ${history.length} revision(s)`, {
        sections: [{ title: `History of ${wl(w)}`, text, preformatted: true }],
        facts: { revisions: history.length, current: history[0]?.revision ?? 0 },
      });
    },
  });
}
