import type { Job } from 'bullmq';

/**
 * When a job-scheduler run was due. BullMQ names a scheduler's jobs `repeat:<scheduler>:<millis>`
 * and the millis are the run's identity (every replica derives the same one). The id format is a
 * BullMQ internal: this is the one place that reads it, pinned by a contract test against the
 * installed version; a job without it falls back to its own timestamp and delay.
 */
export function scheduledRunTime(job: Pick<Job, 'id' | 'timestamp' | 'opts'>): number {
  const millis = /^repeat:.+:(\d+)$/.exec(job.id ?? '')?.[1];
  return millis ? Number(millis) : job.timestamp + (job.opts.delay ?? 0);
}
