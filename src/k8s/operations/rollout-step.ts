import { CancelledError } from '../../core/errors.js';
import type { OperationContext, WorkloadRef } from '../../core/operation.js';
import type { ClusterClients } from '../cluster-registry.js';
import { watchRollout, type RolloutOutcome, type WatchRolloutOptions } from '../watch-rollout.js';
import { report } from './op-support.js';

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
