import type { OperationContext } from '../../core/operation.js';
import type { Plan } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { getWorkload } from '../client/kube-call.js';
import { withRetry } from '../client/retry.js';
import { planRollback, sendRollback, type RollbackPlan } from '../workloads/rollback.js';
import { withoutTemplateHash } from '../workloads/rollback-rules.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { templateImages, workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, retryOptions, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRunUnlessNoop } from './dry-run.js';
import { requireWorkload, wl, workloadFingerprint, workloadTarget } from './workload-scope.js';
import { result } from './outcome.js';
import { rolloutResult } from './rollout-step.js';
import { provenanceAnnotations } from '../objects/provenance.js';
import { provenanceOf } from './request-provenance.js';
import { revisionFingerprint, workloadOperation } from './workload-operation.js';

async function computeRollback(deps: OperationDeps, ctx: OperationContext, clients: ClusterClients): Promise<RollbackPlan> {
  const w = requireWorkload(ctx);
  const to = ctx.invocation.command === 'rollback' ? ctx.invocation.toRevision : undefined;
  return withRetry(
    async () => {
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      return planRollback(obj, await workloadHistory(clients, obj, ctx.signal), to);
    },
    retryOptions(deps, ctx),
  );
}

const images = (t: RollbackPlan['fromTemplate']): string => templateImages(t).join(', ');

/** `/k8s rollback`: kubectl `rollout undo` semantics, then `rollout status`. */
export function rollbackOperation(deps: OperationDeps): OperationBody {
  return workloadOperation(deps, {
    command: 'rollback',
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
        diff: yamlDiff(deps.sanitizer, `${wl(w)}/spec/template`, withoutTemplateHash(rb.fromTemplate), withoutTemplateHash(rb.toTemplate)),
        dryRun: await dryRunUnlessNoop(noop, (warnings) => sendRollback(clients, rb, { dryRun: true, signal: ctx.signal, warnings })),
        fingerprint: workloadFingerprint(rb.workload, rb.fromRevision),
        noop,
        facts: { fromRevision: rb.fromRevision, toRevision: rb.toRevision, fromImage: images(rb.fromTemplate), toImage: images(rb.toTemplate) },
      };
    },
    fingerprint: (ctx) => revisionFingerprint(deps, ctx),
    async execute(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const rb = await computeRollback(deps, ctx, clients);
      const facts = { fromRevision: rb.fromRevision, toRevision: rb.toRevision, toImage: images(rb.toTemplate) };
      if (!rb.patch) return result('succeeded', `${wl(w)}: ${rb.skippedMessage ?? 'nothing to do'}`, { facts: { ...facts, skipped: true } });
      // Re-sending the same computed patch is idempotent, so transient failures may retry it.
      await withRetry(() => sendRollback(clients, rb, { signal: ctx.signal, annotations: provenanceAnnotations(provenanceOf(ctx)) }), retryOptions(deps, ctx));
      return rolloutResult(ctx, clients, w, `${wl(w)} rolled back to revision ${rb.toRevision} (${images(rb.toTemplate)})`, facts);
    },
  });
}
