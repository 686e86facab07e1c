import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OpenRedis } from './connections.js';
import { STEPS } from './lifecycle.js';
import { bullPrefixOf, QUEUE_NAMES, type QueueName } from './names.js';

export { QUEUE_NAMES, type QueueName } from './names.js';

/** What every pipeline job carries: the request id (the record holds the rest). */
export interface RequestJobData {
  requestId: string;
}

const KEEP = { removeOnComplete: { age: 86_400 }, removeOnFail: { age: 86_400 } } satisfies JobsOptions;

/** Default job options per queue, from the lifecycle's steps: read-only work may retry, mutations never retry blindly. */
export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  plans: { ...KEEP, attempts: STEPS.plan.attempts, backoff: { type: 'exponential', delay: 200, jitter: 0.5 } },
  reads: { ...KEEP, attempts: STEPS.startRead.attempts, backoff: { type: 'exponential', delay: 200, jitter: 0.5 } },
  mutations: { ...KEEP, attempts: STEPS.startMutation.attempts },
  expiry: { ...KEEP, attempts: STEPS.expire.attempts, backoff: { type: 'exponential', delay: 500 } },
};

export interface PipelineQueues {
  /** BullMQ key prefix; workers must use the same one. */
  bullPrefix: string;
  connection: Redis;
  get(name: QueueName): Queue<RequestJobData>;
  /** Every queue, for depth gauges. */
  all(): Queue<RequestJobData>[];
  close(): Promise<void>;
}

/** The pipeline's queues on their own connection (BullMQ must not share the store's client). */
export function createQueues(opts: { connect: OpenRedis; prefix: string }): PipelineQueues {
  const bullPrefix = bullPrefixOf(opts.prefix);
  const connection = opts.connect('pipeline-queues');
  const queues = new Map<QueueName, Queue<RequestJobData>>();
  for (const name of Object.values(QUEUE_NAMES)) {
    queues.set(name, new Queue<RequestJobData>(name, { connection, prefix: bullPrefix, defaultJobOptions: JOB_OPTIONS[name] }));
  }
  return {
    bullPrefix,
    connection,
    get: (name) => queues.get(name)!,
    all: () => [...queues.values()],
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit();
    },
  };
}
