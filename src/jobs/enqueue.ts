import type { RequestId } from '../core/ids.js';
import type { RequestRecord } from '../core/request.js';
import { STEPS, TRANSITIONS, startStep } from './lifecycle.js';
import { jobIdOf } from './names.js';
import type { EnqueueDeps } from './pipeline-deps.js';
import { recordChange } from './record-change.js';

/**
 * approved → queued, then the op job. The job id comes from the request id, so even if two
 * callers got here the queue holds one job; the CAS makes sure only one of them records it.
 */
export async function enqueueApproved(deps: EnqueueDeps, rec: RequestRecord, actor: string): Promise<RequestRecord> {
  const queued = await deps.store.transition(rec.id, TRANSITIONS.enqueue, { status: 'queued' });
  if (!queued.ok) return queued.record ?? rec;
  // Audit before enqueueing, or a fast worker's 'running' could precede 'queued' in the chain.
  await recordChange(deps, queued.record, { action: 'queued', actor });
  const step = STEPS[startStep(rec.mutates)];
  await deps.queues.get(step.queue).add(rec.invocation.command, { requestId: rec.id }, { jobId: jobIdOf(step.jobIdPrefix, rec.id as RequestId) });
  return queued.record;
}

export function expiryJobId(requestId: string): string {
  return jobIdOf(STEPS.expire.jobIdPrefix, requestId);
}

/** The delayed job that expires an unapproved request at its deadline. */
export async function scheduleExpiry(deps: EnqueueDeps, rec: RequestRecord): Promise<void> {
  if (!rec.expiresAt) return;
  const delay = Math.max(0, new Date(rec.expiresAt).getTime() - deps.clock().getTime());
  await deps.queues.get(STEPS.expire.queue).add('expire', { requestId: rec.id }, { jobId: expiryJobId(rec.id), delay });
}

/** Approved, denied or cancelled before the deadline: the expiry job has nothing left to do. */
export async function dropExpiry(deps: EnqueueDeps, requestId: string): Promise<void> {
  try {
    await deps.queues.get(STEPS.expire.queue).remove(expiryJobId(requestId));
  } catch (err) {
    // Harmless: the expiry processor re-checks the state before acting.
    deps.logger.debug({ err, requestId }, 'could not remove expiry job');
  }
}
