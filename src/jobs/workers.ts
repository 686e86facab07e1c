import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { processExpiry } from './expiry-processor.js';
import { markInterrupted, STALLED_REASON } from './interrupted.js';
import { processOperation } from './op-processor.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { processPlan } from './plan-processor.js';
import type { QueueName, RequestJobData } from './queues.js';

export interface WorkerSettings {
  concurrency?: number;
  /** BullMQ job lock; a dead worker's mutation is detected within about lockDuration + stalledInterval. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface PipelineWorkers {
  close(): Promise<void>;
}

const attemptOf = (job: Job<RequestJobData>) => ({ made: job.attemptsMade, max: job.opts.attempts ?? 1 });

/** Starts the four workers. Every replica must use the same stalledInterval. */
export function startWorkers(deps: PipelineDeps, redisUrl: string, settings: WorkerSettings): PipelineWorkers {
  const connections: Redis[] = [];
  const workers: Worker<RequestJobData>[] = [];
  const common = {
    prefix: deps.queues.bullPrefix,
    concurrency: settings.concurrency ?? 4,
    ...(settings.lockDurationMs !== undefined ? { lockDuration: settings.lockDurationMs } : {}),
    ...(settings.stalledIntervalMs !== undefined ? { stalledInterval: settings.stalledIntervalMs } : {}),
  };
  const make = (name: QueueName, fn: (job: Job<RequestJobData>, signal?: AbortSignal) => Promise<void>, maxStalledCount: number) => {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    const worker = new Worker<RequestJobData>(name, (job, _token, signal) => fn(job, signal), { ...common, connection, maxStalledCount });
    worker.on('error', (err) => deps.logger.error({ err, queue: name }, 'worker error'));
    workers.push(worker);
    return worker;
  };
  make('plans', (job) => processPlan(deps, job.data.requestId, attemptOf(job)), 1);
  make('reads', (job, signal) => processOperation(deps, job.data.requestId, attemptOf(job), signal), 1);
  make('expiry', (job) => processExpiry(deps, job.data.requestId), 1);
  // maxStalledCount 0: a mutation whose worker died is failed by BullMQ, never handed to another worker.
  const mutations = make('mutations', (job, signal) => processOperation(deps, job.data.requestId, attemptOf(job), signal), 0);
  const interrupt = (requestId: string) => {
    markInterrupted(deps, requestId).catch((err: unknown) => deps.logger.error({ err, requestId }, 'marking interrupted failed'));
  };
  mutations.on('stalled', (jobId) => {
    if (jobId.startsWith('op-')) interrupt(jobId.slice('op-'.length));
  });
  mutations.on('failed', (job, err) => {
    if (job && err.message.includes(STALLED_REASON)) interrupt(job.data.requestId);
  });
  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
}
