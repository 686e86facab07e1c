import type { Operation, OperationContext } from '../../core/operation.js';
import type { Plan } from '../../core/plan.js';
import type { ClusterClients } from '../cluster-registry.js';
import { getWorkload } from '../kube-call.js';
import { withRetry } from '../retry.js';
import { planRollback, sendRollback, type RollbackPlan } from '../rollback.js';
import { withoutTemplateHash } from '../rollback-rules.js';
import { yamlDiff } from '../spec-diff.js';
import { currentRevision, templateImages, workloadHistory } from '../workload-history.js';
import { clientsOf, dryRun, report, requireWorkload, result, wl, workloadFingerprint, workloadTarget, type OperationDeps } from './op-support.js';
import { describeWorkloadState } from './current-state.js';
import { watchAfterChange } from './rollout-step.js';

async function computeRollback(deps: OperationDeps, ctx: OperationContext, clients: ClusterClients): Promise<RollbackPlan> {
  const w = requireWorkload(ctx);
  const to = ctx.invocation.command === 'rollback' ? ctx.invocation.toRevision : undefined;
  return withRetry(
    async () => {
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      return planRollback(obj, await workloadHistory(clients, obj, ctx.signal), to);
    },
    { retries: deps.timing.retries, baseMs: deps.timing.retryBaseMs, signal: ctx.signal },
  );
}

const images = (t: RollbackPlan['fromTemplate']): string => templateImages(t).join(', ');

/** `/k8s rollback`: kubectl `rollout undo` semantics, then `rollout status`. */
export function rollbackOperation(deps: OperationDeps): Operation {
  return {
    command: 'rollback',
    mutates: true,
    target: workloadTarget,
    describeCurrentState: (ctx) => describeWorkloadState(deps, ctx),
    async plan(ctx): Promise<Plan> {
      const clients = clientsOf(deps, ctx);
      const rb = await computeRollback(deps, ctx, clients);
      const w = requireWorkload(ctx);
      const noop = rb.patch === undefined;
      return {
        target: workloadTarget(ctx),
        summary: noop
          ? `${wl(w)}: ${rb.skippedMessage ?? 'nothing to do'}`
          : `roll back ${wl(w)} from revision ${rb.fromRevision} (${images(rb.fromTemplate)}) to revision ${rb.toRevision} (${images(rb.toTemplate)})`,
        diff: yamlDiff(`${wl(w)}/spec/template`, withoutTemplateHash(rb.fromTemplate), withoutTemplateHash(rb.toTemplate)),
        dryRun: noop ? { performed: false, ok: true, warnings: [] } : await dryRun((warnings) => sendRollback(clients, rb, { dryRun: true, signal: ctx.signal, warnings })),
        fingerprint: workloadFingerprint(rb.workload, rb.fromRevision),
        noop,
        facts: { fromRevision: rb.fromRevision, toRevision: rb.toRevision, fromImage: images(rb.fromTemplate), toImage: images(rb.toTemplate) },
      };
    },
    async fingerprint(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      return workloadFingerprint(obj, currentRevision(await workloadHistory(clients, obj, ctx.signal)));
    },
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const rb = await computeRollback(deps, ctx, clients);
      const facts = { fromRevision: rb.fromRevision, toRevision: rb.toRevision, toImage: images(rb.toTemplate) };
      if (!rb.patch) return result('succeeded', `${wl(w)}: ${rb.skippedMessage ?? 'nothing to do'}`, { facts: { ...facts, skipped: true } });
      // Re-sending the same computed patch is idempotent, so transient failures may retry it.
      await withRetry(() => sendRollback(clients, rb, { signal: ctx.signal }), { retries: deps.timing.retries, baseMs: deps.timing.retryBaseMs, signal: ctx.signal });
      const applied = `${wl(w)} rolled back to revision ${rb.toRevision} (${images(rb.toTemplate)})`;
      await report(ctx, 'step', `${applied}; watching the rollout`);
      const rollout = await watchAfterChange(ctx, clients, w, applied);
      const ok = rollout.outcome === 'done';
      return result(ok ? 'succeeded' : 'failed', ok ? applied : `${applied}, but the rollout did not finish: ${rollout.message}`, {
        sections: [{ title: 'Rollout', text: rollout.message }],
        facts: { ...facts, rollout: rollout.outcome },
      });
    },
  };
}
