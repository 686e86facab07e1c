import { WebClientEvent, type WebClient } from '@slack/web-api';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { NotifierPort } from '../../core/notifier.js';
import { createCardCoalescer } from './card-coalescer.js';
import { createDeliverer, type NotifierRecords } from './deliver.js';
import { NOTIFY_QUEUE, type NotifyJob } from './notify-job.js';
import { createSlackCalls, type NotifierMetrics } from './slack-calls.js';
import { describeSlackError, isTransientSlackError } from './slack-errors.js';

export interface SlackNotifierOptions {
  redisUrl: string;
  /** Shared connection for enqueueing and the coalescing keys. */
  redis: Redis;
  /** BullMQ prefix, also used for the notifier's own keys. */
  prefix: string;
  /** Configure it with `rejectRateLimitedCalls: false` and an explicit `retryConfig` (see notifierWebClientOptions). */
  client: WebClient;
  records: NotifierRecords;
  logger: Logger;
  /** Minimum gap between two edits of one card (default 1200 ms). */
  coalesceMs?: number;
  metrics?: NotifierMetrics;
  /** Delivery attempts per message after the client's own retries (default 10). */
  attempts?: number;
  /** First backoff between delivery attempts (default 1000 ms, exponential). */
  backoffMs?: number;
}

export interface SlackNotifier {
  port: NotifierPort;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Slack delivery behind the NotifierPort: port methods only enqueue on the `notify` queue, so
 * Slack trouble never reaches cluster work. One job runs at a time across all replicas (global
 * concurrency 1), which keeps thread replies in order and guarantees the card is posted before
 * its thread. 429s are waited out inside the WebClient (its queue pauses for Retry-After), so a
 * rate limit delays messages without reordering them; other transient errors retry with backoff.
 */
export function createSlackNotifier(opts: SlackNotifierOptions): SlackNotifier {
  const { redis, prefix, client, logger } = opts;
  const log = logger.child({ component: 'slack-notifier' });
  const coalesceMs = opts.coalesceMs ?? 1200;
  const jobOptions: JobsOptions = {
    attempts: opts.attempts ?? 10,
    backoff: { type: 'exponential', delay: opts.backoffMs ?? 1000, jitter: 0.2 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  const queue = new Queue<NotifyJob>(NOTIFY_QUEUE, { connection: redis, prefix, defaultJobOptions: jobOptions });
  const coalescer = createCardCoalescer({ redis, prefix, coalesceMs });

  async function scheduleCard(requestId: string): Promise<void> {
    const delay = await coalescer.claim(requestId);
    if (delay === null) return; // a pending render will read the latest record
    try {
      await queue.add('card', { kind: 'card', requestId }, { delay });
    } catch (err) {
      await coalescer.release(requestId);
      throw err;
    }
  }

  const deliverer = createDeliverer({
    slack: createSlackCalls({ client, ...(opts.metrics ? { metrics: opts.metrics } : {}) }),
    records: opts.records,
    coalescer,
    logger: log,
    schedule: scheduleCard,
  });

  async function process(job: Job<NotifyJob>, token?: string): Promise<void> {
    if (job.data.kind === 'card') {
      // A render that comes due early (a second job after a flag expired, or a card just posted by
      // a thread reply) waits out the gap instead of holding the ordered queue.
      const wait = await coalescer.waitBeforeRender(job.data.requestId);
      if (wait > 0) {
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
    }
    try {
      await deliverer.deliver(job.data);
    } catch (err) {
      const what = { kind: job.data.kind, jobId: job.id, attempt: job.attemptsMade + 1, error: describeSlackError(err) };
      if (!isTransientSlackError(err)) {
        log.warn(what, 'Slack refused a notification; not retrying');
        throw new UnrecoverableError(describeSlackError(err));
      }
      log.warn(what, 'Slack delivery failed; will retry');
      throw err;
    }
  }

  const onRateLimited = (retryAfterSec: number, info: { url?: string }): void => {
    const method = (info.url ?? '').split('/').pop() ?? 'unknown';
    opts.metrics?.slackCall(method, 'rate_limited');
    log.info({ method, retryAfterSec }, 'Slack rate limit; waiting Retry-After');
  };

  let worker: Worker<NotifyJob> | undefined;
  let workerRedis: Redis | undefined;

  return {
    port: {
      cardChanged: scheduleCard,
      async threadReply(requestId, text) {
        await queue.add('reply', { kind: 'reply', requestId, text });
      },
      async threadFile(requestId, file) {
        await queue.add('file', { kind: 'file', requestId, file });
      },
      async channelMessage(channel, message) {
        await queue.add('channel', { kind: 'channel', channel, message });
      },
    },
    async start() {
      if (worker) return;
      await queue.setGlobalConcurrency(1);
      client.on(WebClientEvent.RATE_LIMITED, onRateLimited);
      workerRedis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
      worker = new Worker<NotifyJob>(NOTIFY_QUEUE, process, { connection: workerRedis, prefix, concurrency: 1 });
      worker.on('failed', (job, err) => {
        if (job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))) {
          log.error({ kind: job.data.kind, jobId: job.id, error: err.message }, 'notification dropped after retries');
        }
      });
      worker.on('error', (err) => log.error({ error: err.message }, 'notify worker error'));
    },
    async close() {
      client.off(WebClientEvent.RATE_LIMITED, onRateLimited);
      await worker?.close();
      await queue.close();
      await workerRedis?.quit();
      worker = undefined;
      workerRedis = undefined;
    },
  };
}
