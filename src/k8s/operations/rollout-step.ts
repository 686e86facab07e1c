import { CancelledError } from '../../core/errors.js';
import type { OperationContext, WorkloadRef } from '../../core/operation.js';
import type { OperationResult } from '../../core/plan.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { watchRollout, type RolloutOutcome, type WatchRolloutOptions } from '../workloads/watch-rollout.js';
import { report, result } from './outcome.js';

/**
 * Watches a rollout after a change was applied, mirroring kubectl's status lines onto the card.
 * A cancel during the watch says what had already been done: the change stays applied.
 */
export async function watchAfterChange(
  ctx: OperationContext,
  clients: ClusterClients,
  workload: WorkloadRef & { namespace: string },
  applied: string,
  extra: Pick<WatchRolloutOptions, 'probe' | 'probeIntervalMs'> = {},
): Promise<RolloutOutcome> {
  try {
    return await watchRollout(clients, workload, {
      timeoutMs: ctx.limits.rolloutTimeoutMs,
      signal: ctx.signal,
      onProgress: (message) => void report(ctx, 'status', message),
      ...extra,
    });
  } catch (err) {
    if (err instanceof CancelledError) {
      throw new CancelledError(`cancelled while watching the rollout; already done: ${applied} (the change stays applied)`, { cause: err });
    }
    throw err;
  }
}

/** How a change's wait is worded on the card: what it waits for, and what did not happen. */
export interface RolloutWording {
  waiting: string;
  unfinished: string;
}

const ROLLOUT_WORDING: RolloutWording = { waiting: 'watching the rollout', unfinished: 'the rollout did not finish' };

/**
 * The tail of a change without its own failure handling: say it was applied, watch the rollout,
 * and turn the outcome into the result (a rollout that does not finish fails the request).
 */
export async function rolloutResult(
  ctx: OperationContext,
  clients: ClusterClients,
  workload: WorkloadRef & { namespace: string },
  applied: string,
  facts: OperationResult['facts'],
  wording: RolloutWording = ROLLOUT_WORDING,
): Promise<OperationResult> {
  await report(ctx, 'step', `${applied}; ${wording.waiting}`);
  const rollout = await watchAfterChange(ctx, clients, workload, applied);
  const ok = rollout.outcome === 'done';
  const failure = rollout.outcome === 'unreachable' ? `${applied}, but ${rollout.message}` : `${applied}, but ${wording.unfinished}: ${rollout.message}`;
  return result(ok ? 'succeeded' : 'failed', ok ? applied : failure, {
    sections: [{ title: 'Rollout', text: rollout.message }],
    facts: { ...facts, rollout: rollout.outcome },
  });
}
