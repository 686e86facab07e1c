import type { Job, Worker } from 'bullmq';

/**
 * Everything Shipmate knows about how BullMQ reports a job whose worker died. It reads job data
 * (`stalledCounter`, kept by BullMQ on the job hash) and worker events, never the text of a
 * failure reason. test/integration/jobs/bullmq-stalls.contract.test.ts pins this against the
 * installed BullMQ, so an upgrade that changes it fails loudly.
 */

/** A job BullMQ took away from a dead worker more often than the queue allows: it failed as stalled. */
export function failedAsStalled(job: Pick<Job, 'stalledCounter'>, maxStalledCount: number): boolean {
  return job.stalledCounter > maxStalledCount;
}

/** What a stalled or stall-failed job carries: the request it belongs to (from its data, not its id). */
export interface StallReport {
  requestId: string;
  /** True when BullMQ will not run it again (stalls beyond the queue's limit). */
  final: boolean;
}

/**
 * Calls `onStall` for every job of `worker` that stalled. BullMQ announces a stall by job id
 * ('stalled') and, once the stall count is over the limit, fails the job when it is next taken
 * ('failed'); both are reported, so the caller's handler must be idempotent.
 */
export function onStalled<T extends { requestId: string }>(
  worker: Worker<T>,
  opts: { maxStalledCount: number; getJob(id: string): Promise<Job<T> | undefined>; onError(err: unknown): void },
  onStall: (report: StallReport) => void,
): void {
  worker.on('stalled', (jobId) => {
    opts
      .getJob(jobId)
      .then((job) => {
        if (job) onStall({ requestId: job.data.requestId, final: failedAsStalled(job, opts.maxStalledCount) });
      })
      .catch(opts.onError);
  });
  worker.on('failed', (job) => {
    if (job && failedAsStalled(job, opts.maxStalledCount)) onStall({ requestId: job.data.requestId, final: true });
  });
}
