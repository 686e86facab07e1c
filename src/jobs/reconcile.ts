import type { RequestRecord, RequestState } from '../core/request.js';
import { failedAsStalled } from './adapters/bullmq-stalls.js';
import { enqueueApproved } from './enqueue.js';
import { markInterrupted } from './interrupted.js';
import { RESUME, STEPS, startStep, type QueuedStepName } from './lifecycle.js';
import { jobIdOf } from './names.js';
import type { ReconcileDeps } from './pipeline-deps.js';
import { repairRequestedAudits } from './requested-audit.js';
import { maxStalledCountOf } from './workers.js';

/**
 * A replica can die between two Redis steps: after a request was recorded but before its plan job
 * was added, between "approved" and "queued", between "queued" and adding the op job, or after a
 * worker took the op job but before it marked the request running (BullMQ then fails the job as
 * stalled). In each case nothing ran yet, so finishing the step is safe; the reconciler does it.
 * A mutation that did start and whose stall nobody recorded is marked interrupted, never re-run.
 * Every action is idempotent (job ids come from request ids, state changes are CAS), so all
 * replicas may run it at once.
 */
export async function reconcileOnce(deps: ReconcileDeps, settleMs: number): Promise<number> {
  const now = deps.clock().getTime();
  const stale = (r: RequestRecord) => now - Date.parse(r.updatedAt) > settleMs;
  const active = (await deps.store.list({ active: true, limit: 500 })).filter(stale);
  let repaired = await repairRequestedAudits(deps).catch((err: unknown) => {
    deps.logger.warn({ err }, 'repairing "requested" audit records failed; the next round tries again');
    return 0;
  });
  for (const rec of active) {
    try {
      if (await repair(deps, rec)) repaired++;
    } catch (err) {
      deps.logger.warn({ err, requestId: rec.id }, 'reconcile step failed; the next round tries again');
    }
  }
  return repaired;
}

async function repair(deps: ReconcileDeps, rec: RequestRecord): Promise<boolean> {
  const resume = (RESUME as Partial<Record<RequestState, (typeof RESUME)[keyof typeof RESUME]>>)[rec.state];
  if (resume === undefined || resume === 'wait') return false; // terminal, or waiting for people (the expiry job ends it)
  if (resume === 'enqueue') {
    await enqueueApproved(deps, rec, 'shipmate');
    return true;
  }
  if (resume === 'interruptIfStalled') return interruptIfStalled(deps, rec);
  return ensureJob(deps, resume.job === 'plan' ? 'plan' : startStep(rec.mutates), rec);
}

async function ensureJob(deps: ReconcileDeps, stepName: QueuedStepName, rec: RequestRecord): Promise<boolean> {
  const step = STEPS[stepName];
  const queue = deps.queues.get(step.queue);
  const jobId = jobIdOf(step.jobIdPrefix, rec.id);
  const job = await queue.getJob(jobId);
  if (!job) {
    await queue.add(rec.invocation.command, { requestId: rec.id }, { jobId });
    deps.logger.warn({ requestId: rec.id, queue: step.queue }, 'reconciler re-added a job lost with a dead replica');
    return true;
  }
  // The request never reached "running", so the stalled job never executed anything: run it.
  if ((await job.getState()) === 'failed' && failedAsStalled(job, maxStalledCountOf(stepName))) {
    await job.retry('failed');
    deps.logger.warn({ requestId: rec.id, queue: step.queue }, 'reconciler retried a job that stalled before it started');
    return true;
  }
  return false;
}

// The replica that noticed the stall may have died before marking the request: do it here.
async function interruptIfStalled(deps: ReconcileDeps, rec: RequestRecord): Promise<boolean> {
  const stepName = startStep(rec.mutates);
  const step = STEPS[stepName];
  const job = await deps.queues.get(step.queue).getJob(jobIdOf(step.jobIdPrefix, rec.id));
  if (!job || (await job.getState()) !== 'failed' || !failedAsStalled(job, maxStalledCountOf(stepName))) return false;
  return markInterrupted(deps, rec.id);
}

/** Runs `reconcileOnce` every `everyMs` until stopped. */
export function startReconciler(deps: ReconcileDeps, opts: { everyMs: number; settleMs: number }): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileOnce(deps, opts.settleMs)
      .catch((err: unknown) => deps.logger.warn({ err }, 'reconcile round failed'))
      .finally(() => {
        running = false;
      });
  }, opts.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
