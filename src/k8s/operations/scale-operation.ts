import { PatchStrategy } from '@kubernetes/client-node';
import { InvalidError, userMessageOf } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from '../objects/k8s-object.js';
import { getWorkload } from '../client/kube-call.js';
import { withRetry, type RetryOptions } from '../client/retry.js';
import { yamlDiff } from '../objects/spec-diff.js';
import { clientsOf, retryOptions, type OperationDeps, type OperationBody } from './operation-deps.js';
import { dryRunUnlessNoop } from './dry-run.js';
import { requireWorkload, wl, workloadFingerprint, workloadTarget } from './workload-scope.js';
import { report, result } from './outcome.js';
import { rolloutResult, type RolloutWording } from './rollout-step.js';
import { annotateWorkload, patchWorkload, workloadOperation } from './workload-operation.js';

function wanted(ctx: OperationContext): number {
  if (ctx.invocation.command !== 'scale') throw new InvalidError('scale needs a replica count');
  const n = ctx.invocation.replicas;
  const { minReplicas, maxReplicas } = ctx.limits;
  if (!Number.isInteger(n) || n < minReplicas || n > maxReplicas) {
    throw new InvalidError(`${n} replicas is outside what policy allows in ${ctx.scope.env} (${minReplicas}–${maxReplicas})`);
  }
  return n;
}

function currentReplicas(obj: KObject): number {
  if (obj.kind === 'DaemonSet') throw new InvalidError('a DaemonSet runs one pod per node and cannot be scaled');
  return (obj['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
}

async function sendScale(clients: ClusterClients, ctx: OperationContext, n: number, dry: boolean, warnings?: string[]): Promise<KObject> {
  return patchWorkload(clients, ctx, { subresource: 'scale', body: { spec: { replicas: n } }, contentType: PatchStrategy.MergePatch }, { dryRun: dry, warnings });
}

// The scale has happened by now, so a provenance write that fails does not fail the request: the
// thread says so and the audit trail still names everyone. Retried on its own, so a retry never
// repeats the scale.
async function recordProvenance(clients: ClusterClients, ctx: OperationContext, retry: RetryOptions): Promise<void> {
  try {
    await withRetry(() => annotateWorkload(clients, ctx), retry);
  } catch (err) {
    ctx.logger.warn({ err, requestId: ctx.requestId }, 'scale provenance not recorded on the workload');
    await report(ctx, 'step', `the workload does not name this request: recording it failed (${userMessageOf(err)}); the audit trail has it`);
  }
}

// Scaling leaves the pod template alone: what the card waits for is replicas becoming available.
const SCALE_WORDING: RolloutWording = { waiting: 'waiting for the replicas', unfinished: 'not all replicas became available' };

/** `/k8s scale`: the scale subresource (merge patch), bounded by policy, its provenance on the workload, then watch readiness. */
export function scaleOperation(deps: OperationDeps): OperationBody {
  return workloadOperation(deps, {
    command: 'scale',
    async plan(ctx) {
      const n = wanted(ctx);
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const obj = await getWorkload(clients, w, w.namespace, ctx.signal);
      const from = currentReplicas(obj);
      const noop = from === n;
      return {
        target: workloadTarget(ctx),
        summary: noop ? `${wl(w)} already has ${n} replicas` : `scale ${wl(w)} from ${from} to ${n} replicas`,
        diff: yamlDiff(deps.sanitizer, `${wl(w)}/spec`, { replicas: from }, { replicas: n }),
        dryRun: await dryRunUnlessNoop(noop, (warnings) => sendScale(clients, ctx, n, true, warnings)),
        fingerprint: workloadFingerprint(obj, `replicas=${from}`),
        noop,
        facts: { fromReplicas: from, toReplicas: n },
      };
    },
    async fingerprint(ctx) {
      const w = requireWorkload(ctx);
      const obj = await getWorkload(clientsOf(deps, ctx), w, w.namespace, ctx.signal);
      return workloadFingerprint(obj, `replicas=${currentReplicas(obj)}`);
    },
    async execute(ctx) {
      const n = wanted(ctx);
      const clients = clientsOf(deps, ctx);
      const w = requireWorkload(ctx);
      const retry = retryOptions(deps, ctx);
      const from = currentReplicas(await withRetry(() => getWorkload(clients, w, w.namespace, ctx.signal), retry));
      if (from === n) return result('succeeded', `${wl(w)} already has ${n} replicas`, { facts: { fromReplicas: from, toReplicas: n, skipped: true } });
      await withRetry(() => sendScale(clients, ctx, n, false), retry);
      await recordProvenance(clients, ctx, retry);
      return rolloutResult(ctx, clients, w, `${wl(w)} scaled from ${from} to ${n} replicas`, { fromReplicas: from, toReplicas: n }, SCALE_WORDING);
    },
  });
}
