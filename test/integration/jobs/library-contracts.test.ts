import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { Mutex } from 'redis-semaphore';
import { afterAll, describe, expect, it } from 'vitest';
import { failedAsStalled, onStalled, type StallReport } from '../../../src/jobs/adapters/bullmq-stalls.js';
import { mutexRedisKey } from '../../../src/jobs/adapters/mutex-key.js';
import { scheduledRunTime } from '../../../src/jobs/adapters/scheduler-run-time.js';
import { deleteKeys, eventually, REDIS_URL, uniquePrefix } from './helpers.js';

/**
 * Contract tests: what Shipmate's adapters assume about the installed BullMQ and redis-semaphore.
 * An upgrade that changes any of it fails here, not in production.
 */
const prefix = uniquePrefix('contracts');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const closers: (() => Promise<unknown>)[] = [];
const connection = () => {
  const c = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  closers.push(() => c.quit());
  return c;
};
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await deleteKeys(redis, `*${prefix}*`);
  await redis.quit();
});

describe('BullMQ stalls (adapters/bullmq-stalls)', () => {
  it('a job whose worker died is reported from worker events and job data, with its request id', async () => {
    const queue = new Queue<{ requestId: string }>('stalls', { connection: connection(), prefix });
    closers.push(() => queue.close());
    // A worker takes the job and dies at once: its lock is never renewed.
    const dead = new Worker('stalls', null, { connection: connection(), prefix, lockDuration: 500 });
    closers.push(() => dead.close(true));
    await queue.add('x', { requestId: 'R-STALLED1' }, { jobId: 'stall-job-1' });
    expect((await dead.getNextJob('dead-token'))?.id).toBe('stall-job-1');

    const reports: StallReport[] = [];
    const live = new Worker<{ requestId: string }>('stalls', () => Promise.resolve(), {
      connection: connection(),
      prefix,
      lockDuration: 500,
      stalledInterval: 300,
      maxStalledCount: 0,
    });
    closers.push(() => live.close());
    onStalled(live, { maxStalledCount: 0, getJob: (id) => queue.getJob(id), onError: (err) => { throw err; } }, (r) => reports.push(r));
    await eventually(async () => reports.some((r) => r.final) && (await queue.getJob('stall-job-1'))?.finishedOn !== undefined);
    expect(reports.every((r) => r.requestId === 'R-STALLED1')).toBe(true);
    const job = await queue.getJob('stall-job-1');
    expect(await job?.getState()).toBe('failed');
    expect(job && failedAsStalled(job, 0)).toBe(true);
  });

  it('a job that failed on its own is not taken for a stall', async () => {
    const queue = new Queue<{ requestId: string }>('plain-fail', { connection: connection(), prefix });
    closers.push(() => queue.close());
    const worker = new Worker('plain-fail', () => Promise.reject(new Error('job stalled more than allowable limit')), { connection: connection(), prefix, maxStalledCount: 0 });
    closers.push(() => worker.close());
    await queue.add('x', { requestId: 'R-FAILED01' }, { jobId: 'fail-job-1' });
    const job = await eventually(async () => {
      const j = await queue.getJob('fail-job-1');
      return j && (await j.getState()) === 'failed' ? j : null;
    });
    // Even with the stall message as its error text: stalls are told apart by job data.
    expect(failedAsStalled(job, 0)).toBe(false);
  });
});

describe('BullMQ job schedulers (adapters/scheduler-run-time)', () => {
  it('names scheduled jobs repeat:<scheduler>:<millis>, and the run time comes from the id', async () => {
    const queue = new Queue('sched', { connection: connection(), prefix });
    closers.push(() => queue.close());
    await queue.upsertJobScheduler('quotas', { every: 60_000 }, { name: 'quotas', data: {} });
    const [job] = await eventually(async () => {
      const jobs = await queue.getJobs(['delayed', 'wait']);
      return jobs.length > 0 ? (jobs as Job[]) : null;
    });
    expect(job?.id).toMatch(/^repeat:quotas:\d+$/);
    expect(job?.id).toBe(`repeat:quotas:${scheduledRunTime(job!)}`);
    await queue.removeJobScheduler('quotas');
  });
});

describe('redis-semaphore (adapters/mutex-key)', () => {
  it('stores a mutex under mutex:<name> with the holder identifier as its value', async () => {
    const name = `${prefix}:lock:c1/shop/Deployment/api`;
    const mutex = new Mutex(redis, name, { identifier: 'R-HOLDER01|U1|now|x', lockTimeout: 5_000, acquireAttemptsLimit: 1 });
    expect(await mutex.tryAcquire()).toBe(true);
    expect(await redis.get(mutexRedisKey(name))).toBe('R-HOLDER01|U1|now|x');
    await mutex.release();
    expect(await redis.exists(mutexRedisKey(name))).toBe(0);
  });
});
