import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

export const QUEUE_NAMES = { plans: 'plans', mutations: 'mutations', reads: 'reads', expiry: 'expiry' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** What every pipeline job carries: the request id (the record holds the rest). */
export interface RequestJobData {
  requestId: string;
}

const KEEP = { removeOnComplete: { age: 86_400 }, removeOnFail: { age: 86_400 } } satisfies JobsOptions;

/** Default job options per queue: read-only work may retry, mutations never retry blindly. */
export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  plans: { ...KEEP, attempts: 3, backoff: { type: 'exponential', delay: 200, jitter: 0.5 } },
  reads: { ...KEEP, attempts: 3, backoff: { type: 'exponential', delay: 200, jitter: 0.5 } },
  mutations: { ...KEEP, attempts: 1 },
  expiry: { ...KEEP, attempts: 5, backoff: { type: 'exponential', delay: 500 } },
};

export interface PipelineQueues {
  /** BullMQ key prefix; workers must use the same one. */
  bullPrefix: string;
  connection: Redis;
  get(name: QueueName): Queue<RequestJobData>;
  close(): Promise<void>;
}

/** The pipeline's queues on their own connection (BullMQ must not share the store's client). */
export function createQueues(opts: { redisUrl: string; prefix: string }): PipelineQueues {
  const bullPrefix = `${opts.prefix}:q`;
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const queues = new Map<QueueName, Queue<RequestJobData>>();
  for (const name of Object.values(QUEUE_NAMES)) {
    queues.set(name, new Queue<RequestJobData>(name, { connection, prefix: bullPrefix, defaultJobOptions: JOB_OPTIONS[name] }));
  }
  return {
    bullPrefix,
    connection,
    get: (name) => queues.get(name)!,
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit();
    },
  };
}
