import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { imageTag } from '../objects/image-ref.js';
import type { KObject } from '../objects/k8s-object.js';
import { getWorkload } from '../client/kube-call.js';
import { withRetry } from '../client/retry.js';
import { planRollback, sendRollback } from '../workloads/rollback.js';
import { planSetImage, sendSetImage, type SetImagePlan } from '../workloads/set-image.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { currentRevision, templateImages, workloadHistory } from '../workloads/workload-history.js';
import { clientsOf, retryOptions, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRunUnlessNoop } from './dry-run.js';
import { report, result } from './outcome.js';
import { requireWorkload, wl, workloadFingerprint, workloadTarget } from './workload-scope.js';
import { watchAfterChange } from './rollout-step.js';
import { provenanceAnnotations } from '../objects/provenance.js';
import { provenanceOf } from './request-provenance.js';
import { collectFailureLogs, crashLoopProbe } from '../workloads/upgrade-failure.js';
import { revisionFingerprint, workloadOperation } from './workload-operation.js';

function args(ctx: Pick<OperationContext, 'invocation'>): { image: string; container: string | undefined } {
  if (ctx.invocation.command !== 'upgrade') throw new InvalidError('upgrade needs an image or tag');
  return { image: ctx.invocation.image, container: ctx.invocation.container };
}

async function read(deps: OperationDeps, ctx: OperationContext, clients: ClusterClients): Promise<{ obj: KObject; revision: number; si: SetImagePlan }> {
  const w = requireWorkload(ctx);
  const { image, container } = args(ctx);
  return withRetry(
    async () => {
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      const revision = currentRevision(await workloadHistory(clients, obj, ctx.signal));
      return { obj, revision, si: planSetImage(obj, image, container) };
    },
    retryOptions(deps, ctx),
  );
}

/** `/k8s upgrade`: set image like kubectl, watch, and roll back automatically when the rollout fails. */
export function upgradeOperation(deps: OperationDeps): OperationBody {
  return workloadOperation(deps, {
    command: 'upgrade',
    async plan(ctx) {
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const { obj, revision, si } = await read(deps, ctx, clients);
      const noop = si.patch === undefined;
      const c = si.container;
      return {
        target: workloadTarget(ctx),
        summary: noop ? `${wl(w)} container ${c.name} already runs ${si.toImage}` : `upgrade ${wl(w)} container ${c.name}: ${imageTag(si.fromImage) || si.fromImage} → ${imageTag(si.toImage) || si.toImage}`,
        diff: yamlDiff(deps.sanitizer, `${wl(w)}/spec/template/spec/${c.kind}/${c.name}`, { image: si.fromImage }, { image: si.toImage }),
        dryRun: await dryRunUnlessNoop(noop, (warnings) => sendSetImage(clients, w, si.patch, { dryRun: true, signal: ctx.signal, warnings })),
        fingerprint: workloadFingerprint(obj, revision),
        noop,
        facts: { container: c.name, fromImage: si.fromImage, toImage: si.toImage, revision },
      };
    },
    fingerprint: (ctx) => revisionFingerprint(deps, ctx),
    execute: (ctx) => executeUpgrade(deps, ctx),
  });
}

async function executeUpgrade(deps: OperationDeps, ctx: OperationContext): Promise<OperationResult> {
  const clients = clientsOf(deps, ctx);
  const w = requireWorkload(ctx);
  const retry = retryOptions(deps, ctx);
  const { obj, revision, si } = await read(deps, ctx, clients);
  const facts = { container: si.container.name, fromImage: si.fromImage, toImage: si.toImage, fromRevision: revision };
  if (si.patch === undefined) return result('succeeded', `${wl(w)} container ${si.container.name} already runs ${si.toImage}`, { facts: { ...facts, skipped: true } });
  await withRetry(() => sendSetImage(clients, w, si.patch, { signal: ctx.signal, annotations: provenanceAnnotations(provenanceOf(ctx)) }), retry);
  const applied = `${wl(w)} container ${si.container.name} set to ${si.toImage}`;
  await report(ctx, 'step', `${applied}; watching the rollout`);
  const rollout = await watchAfterChange(ctx, clients, w, applied, {
    probe: crashLoopProbe(clients, obj, si.container.name, si.toImage),
    probeIntervalMs: deps.timing.probeIntervalMs,
  });
  if (rollout.outcome === 'done') {
    return result('succeeded', applied, { sections: [{ title: 'Rollout', text: rollout.message }], facts: { ...facts, rollout: 'done' } });
  }
  if (rollout.outcome === 'unreachable') {
    // Nothing can be read or undone while the server is silent; say so instead of blaming the image.
    return result('failed', `${applied}, but ${rollout.message}; no automatic rollback was attempted`, {
      sections: [{ title: 'Rollout', text: rollout.message }],
      facts: { ...facts, rollout: rollout.outcome, rolledBack: false },
    });
  }
  const logs = await collectFailureLogs(clients, obj, si.container.name, si.toImage);
  await report(ctx, 'step', `rollout of ${si.toImage} failed (${rollout.message}); rolling back to revision ${revision}`);
  const undo = await rollBackTo(deps, ctx, clients, revision, applied);
  const logText = logs.map((l) => `--- ${l.pod} (${l.container}): ${l.trouble}\n${l.previousLog}`).join('\n\n');
  const restored = undo.restoredImage;
  return result('failed', `upgrade to ${si.toImage} failed (${rollout.message}); rolled back to revision ${revision} (${restored})`, {
    sections: [
      { title: `1. Upgrade to ${si.toImage}`, text: `failed: ${rollout.message}` },
      { title: `2. Automatic rollback to revision ${revision}`, text: `${undo.message}; restored image ${restored}` },
      ...(logs.length ? [{ title: 'Previous logs of failing pods', text: logText.slice(-2_500), preformatted: true }] : []),
    ],
    files: logs.length ? [{ filename: `${w.name}-failing-pods.log`, title: `Logs of failing pods (${si.toImage})`, content: logText }] : [],
    facts: { ...facts, rollout: rollout.outcome, rolledBack: true, restoredImage: restored, failingPods: logs.length },
  });
}

async function rollBackTo(
  deps: OperationDeps,
  ctx: OperationContext,
  clients: ClusterClients,
  revision: number,
  applied: string,
): Promise<{ message: string; restoredImage: string }> {
  const w = requireWorkload(ctx);
  const retry = retryOptions(deps, ctx);
  const rb = await withRetry(async () => {
    const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
    return planRollback(obj, await workloadHistory(clients, obj, ctx.signal), revision);
  }, retry);
  const restoredImage = templateImages(rb.toTemplate).join(', ');
  if (!rb.patch) return { message: rb.skippedMessage ?? 'nothing to roll back', restoredImage };
  await withRetry(() => sendRollback(clients, rb, { signal: ctx.signal, annotations: provenanceAnnotations(provenanceOf(ctx)) }), retry);
  await report(ctx, 'step', `rolled back ${wl(w)} to revision ${revision} (${restoredImage}); watching the rollout`);
  const again = await watchAfterChange(ctx, clients, w, `${applied}, then rolled back to revision ${revision}`);
  return { message: again.outcome === 'done' ? `rolled back: ${again.message}` : `rolled back, but that rollout did not finish either: ${again.message}`, restoredImage };
}
