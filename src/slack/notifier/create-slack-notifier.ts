import { WebClientEvent, type WebClient } from '@slack/web-api';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { NotifierPort } from '../../core/notifier.js';
import { createCardCoalescer } from './card-coalescer.js';
import { createDeliverer, type NotifierRecords } from './deliver.js';
import { createReplyBuffer } from './reply-buffer.js';
import { NOTIFY_QUEUE, type NotifyJob } from './notify-job.js';
import { createSlackCalls, type NotifierMetrics } from './slack-calls.js';
import { retryInPlace } from './retry-in-place.js';
import { encodeThreadNote } from './thread-note-codec.js';
import { describeSlackError, isTransientSlackError } from './slack-errors.js';

export interface SlackNotifierOptions {
  /** Opens the worker's own connection (main.ts builds it); the notifier closes it. */
  connect: (purpose: string) => Redis;
  /** Shared connection for the coalescing keys (and for enqueueing unless `queueConnection` is given). */
  redis: Redis;
  /** Connection for the notify queue's producer; default `redis`. */
  queueConnection?: Redis;
  /** BullMQ prefix, also used for the notifier's own keys. */
  prefix: string;
  /** Configure it with `rejectRateLimitedCalls: false` and an explicit `retryConfig` (see notifierWebClientOptions). */
  client: WebClient;
  records: NotifierRecords;
  logger: Logger;
  /** Minimum gap between two edits of one card (default 1200 ms). */
  coalesceMs?: number;
  /** Minimum gap between two reply messages in one thread; replies in between are combined (default 1000 ms). */
  replyGapMs?: number;
  metrics?: NotifierMetrics;
  /**
   * Retries after the client's own: first in place for up to `holdMs` (default 5 min, keeps order),
   * then `attempts` queue retries with exponential backoff from `backoffMs` (defaults 10, 1000 ms).
   */
  retry?: { backoffMs?: number; maxBackoffMs?: number; holdMs?: number; attempts?: number };
  /**
   * Stall detection. Delivery runs one job at a time across all replicas, so a job held by a dead
   * replica blocks every card; a short lock (default 10 s, renewed every half) frees it soon.
   */
  worker?: { lockDurationMs?: number; stalledIntervalMs?: number };
}

export interface SlackNotifier {
  port: NotifierPort;
  /** The notify queue, for depth gauges. */
  queue: Queue<NotifyJob>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Slack delivery behind the NotifierPort: port methods only enqueue on the `notify` queue, so
 * Slack trouble never reaches cluster work. One job runs at a time across all replicas (global
 * concurrency 1), which keeps thread replies in order and guarantees the card is posted before
 * its thread. 429s are waited out inside the WebClient (its queue pauses for Retry-After) and
 * other transient failures are retried in place, so trouble delays messages without reordering
 * them; only a message that keeps failing for `holdMs` goes back to the queue's own backoff.
 */
export function createSlackNotifier(opts: SlackNotifierOptions): SlackNotifier {
  const { redis, prefix, client, logger } = opts;
  const log = logger.child({ component: 'slack-notifier' });
  const coalesceMs = opts.coalesceMs ?? 1200;
  const jobOptions: JobsOptions = {
    attempts: opts.retry?.attempts ?? 10,
    backoff: { type: 'exponential', delay: opts.retry?.backoffMs ?? 1000, jitter: 0.2 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  const queue = new Queue<NotifyJob>(NOTIFY_QUEUE, { connection: opts.queueConnection ?? redis, prefix, defaultJobOptions: jobOptions });
  const coalescer = createCardCoalescer({ redis, prefix, coalesceMs });
  const replies = createReplyBuffer({ redis, prefix, gapMs: opts.replyGapMs ?? 1000 });

  async function addOrRelease(job: NotifyJob & { requestId: string }, delay: number, release: (id: string) => Promise<void>): Promise<void> {
    try {
      await queue.add(job.kind, job, { delay });
    } catch (err) {
      await release(job.requestId);
      throw err;
    }
  }

  async function scheduleCard(requestId: string): Promise<void> {
    const delay = await coalescer.claim(requestId);
    if (delay === null) return; // a pending render will read the latest record
    await addOrRelease({ kind: 'card', requestId }, delay, (id) => coalescer.release(id));
  }

  async function scheduleReplies(requestId: string, text?: string): Promise<void> {
    const delay = text === undefined ? await replies.claim(requestId) : await replies.push(requestId, text);
    if (delay === null) return; // a pending flush will take this line too
    await addOrRelease({ kind: 'replies', requestId }, delay, (id) => replies.release(id));
  }

  const deliverer = createDeliverer({
    slack: createSlackCalls({ client, ...(opts.metrics ? { metrics: opts.metrics } : {}) }),
    records: opts.records,
    coalescer,
    replies,
    logger: log,
    schedule: scheduleCard,
    scheduleReplies: (id) => scheduleReplies(id),
    schedulePin: async (job) => {
      await queue.add('pin', job);
    },
  });

  async function process(job: Job<NotifyJob>, token?: string): Promise<void> {
    const { data } = job;
    if (data.kind === 'card' || data.kind === 'replies') {
      // A job that comes due early (a second one after a flag expired, or a card just posted by a
      // thread reply) waits out the gap in the delayed set instead of holding the ordered queue.
      const wait = data.kind === 'card' ? await coalescer.waitBeforeRender(data.requestId) : await replies.waitBeforeFlush(data.requestId);
      if (wait > 0) {
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
    }
    const what = { kind: job.data.kind, jobId: job.id };
    try {
      const remember = async (next: NotifyJob): Promise<void> => {
        await job.updateData(next);
      };
      await retryInPlace(() => deliverer.deliver(job.data, remember), {
        firstDelayMs: opts.retry?.backoffMs ?? 1000,
        maxDelayMs: opts.retry?.maxBackoffMs ?? 30_000,
        // A pin keeps no order with anything, so it waits in the queue's backoff instead of holding the queue.
        holdMs: data.kind === 'pin' ? 0 : (opts.retry?.holdMs ?? 5 * 60_000),
        isTransient: isTransientSlackError,
        signal: closing.signal,
        onRetry: (err, attempt, delayMs) => log.warn({ ...what, attempt, delayMs, error: describeSlackError(err) }, 'Slack delivery failed; retrying'),
      });
    } catch (err) {
      if (!isTransientSlackError(err)) {
        log.warn({ ...what, error: describeSlackError(err) }, 'Slack refused a notification; not retrying');
        throw new UnrecoverableError(describeSlackError(err));
      }
      throw err;
    }
  }

  const onRateLimited = (retryAfterSec: number, info: { url?: string }): void => {
    const method = (info.url ?? '').split('/').pop() ?? 'unknown';
    opts.metrics?.slackCall(method, 'rate_limited');
    log.info({ method, retryAfterSec }, 'Slack rate limit; waiting Retry-After');
  };

  let closing = new AbortController();
  let worker: Worker<NotifyJob> | undefined;
  let workerRedis: Redis | undefined;

  return {
    queue,
    port: {
      cardChanged: scheduleCard,
      threadReply: (requestId, note) => scheduleReplies(requestId, encodeThreadNote(note)),
      async threadFile(requestId, file) {
        await queue.add('file', { kind: 'file', requestId, file });
      },
      async channelMessage(channel, message) {
        await queue.add('channel', { kind: 'channel', channel, message });
      },
    },
    async start() {
      if (worker) return;
      closing = new AbortController();
      await queue.setGlobalConcurrency(1);
      client.on(WebClientEvent.RATE_LIMITED, onRateLimited);
      workerRedis = opts.connect('notify-worker');
      worker = new Worker<NotifyJob>(NOTIFY_QUEUE, process, {
        connection: workerRedis,
        prefix,
        concurrency: 1,
        lockDuration: opts.worker?.lockDurationMs ?? 10_000,
        stalledInterval: opts.worker?.stalledIntervalMs ?? 5_000,
      });
      worker.on('failed', (job, err) => {
        if (job && (err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))) {
          const what = job.data.kind === 'pin' ? 'reminder posted but not pinned: retries exhausted' : 'notification dropped after retries';
          log.error({ kind: job.data.kind, jobId: job.id, requestId: 'requestId' in job.data ? job.data.requestId : undefined, error: err.message }, what);
        }
      });
      worker.on('error', (err) => log.error({ error: err.message }, 'notify worker error'));
    },
    async close() {
      client.off(WebClientEvent.RATE_LIMITED, onRateLimited);
      closing.abort();
      await worker?.close();
      await queue.close();
      await workerRedis?.quit();
      worker = undefined;
      workerRedis = undefined;
    },
  };
}
