import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { onStalled } from './adapters/bullmq-stalls.js';
import type { OpenRedis } from './connections.js';
import { processExpiry } from './expiry-processor.js';
import { markInterrupted } from './interrupted.js';
import { STEPS, type QueuedStepName } from './lifecycle.js';
import { processOperation } from './op-processor.js';
import type { WorkerDeps } from './pipeline-deps.js';
import { processPlan } from './plan-processor.js';
import type { RequestJobData } from './queues.js';

export interface WorkerSettings {
  concurrency?: number;
  /** BullMQ job lock; a dead worker's mutation is detected within about lockDuration + stalledInterval. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface PipelineWorkers {
  close(): Promise<void>;
}

type Processor = (deps: WorkerDeps, job: Job<RequestJobData>, signal?: AbortSignal) => Promise<void>;

const attemptOf = (job: Job<RequestJobData>) => ({ made: job.attemptsMade, max: job.opts.attempts ?? 1 });

/** The processor of each queued step of the lifecycle (the compiler insists on one per step). */
const PROCESSORS: Record<QueuedStepName, Processor> = {
  plan: (deps, job) => processPlan(deps, job.data.requestId, attemptOf(job)),
  startRead: (deps, job, signal) => processOperation(deps, job.data.requestId, attemptOf(job), signal),
  startMutation: (deps, job, signal) => processOperation(deps, job.data.requestId, attemptOf(job), signal),
  expire: (deps, job) => processExpiry(deps, job.data.requestId),
};

/**
 * How often BullMQ may hand a dead worker's job to another worker: once for work that may simply
 * run again; never for a mutation, which a stall ends `interrupted` instead.
 */
export const maxStalledCountOf = (step: QueuedStepName): number => (STEPS[step].onStall === 'interrupt' ? 0 : 1);

/** Starts one worker per queued step. Every replica must use the same stalledInterval. */
export function startWorkers(deps: WorkerDeps, connect: OpenRedis, settings: WorkerSettings): PipelineWorkers {
  const connections: Redis[] = [];
  const workers: Worker<RequestJobData>[] = [];
  const common = {
    prefix: deps.queues.bullPrefix,
    concurrency: settings.concurrency ?? 4,
    ...(settings.lockDurationMs !== undefined ? { lockDuration: settings.lockDurationMs } : {}),
    ...(settings.stalledIntervalMs !== undefined ? { stalledInterval: settings.stalledIntervalMs } : {}),
  };
  for (const name of Object.keys(STEPS) as QueuedStepName[]) {
    const step = STEPS[name];
    const connection = connect(`worker-${step.queue}`);
    connections.push(connection);
    const maxStalledCount = maxStalledCountOf(name);
    const worker = new Worker<RequestJobData>(step.queue, (job, _token, signal) => PROCESSORS[name](deps, job, signal), {
      ...common,
      connection,
      maxStalledCount,
    });
    worker.on('error', (err) => deps.logger.error({ err, queue: step.queue }, 'worker error'));
    if (step.onStall === 'interrupt') watchStalls(deps, worker, name);
    workers.push(worker);
  }
  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
}

/** A mutation whose worker died is marked interrupted (idempotent: stall and failure both report). */
function watchStalls(deps: WorkerDeps, worker: Worker<RequestJobData>, name: QueuedStepName): void {
  const queue = deps.queues.get(STEPS[name].queue);
  const onError = (err: unknown) => deps.logger.error({ err }, 'reading a stalled job failed');
  onStalled(worker, { maxStalledCount: maxStalledCountOf(name), getJob: (id) => queue.getJob(id), onError }, ({ requestId }) => {
    markInterrupted(deps, requestId).catch((err: unknown) => deps.logger.error({ err, requestId }, 'marking interrupted failed'));
  });
}
