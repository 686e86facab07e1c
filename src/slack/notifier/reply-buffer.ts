import type { Redis } from 'ioredis';

const PENDING_TTL_MS = 5 * 60_000;
const LAST_POST_TTL_MS = 10 * 60_000;
/** Lines waiting for a thread outlive any outage we would still want to report. */
const BUFFER_TTL_MS = 24 * 3600_000;

/**
 * Thread replies wait in a per-request Redis list and are posted together, at most one message
 * per thread per `gapMs`: a job reporting sixty steps in six seconds would otherwise meet Slack's
 * ~1 message/s/channel limit. Same trailing-edge scheme as the card: one pending flush per
 * thread (SET NX), cleared before the flush reads the list, so no line is left behind.
 */
export interface ReplyBuffer {
  /** Appends a line; returns the flush delay when this call must schedule the flush, else null. */
  push(requestId: string, text: string): Promise<number | null>;
  /** Claims the pending flush for lines already buffered; same answer as `push`. */
  claim(requestId: string): Promise<number | null>;
  release(requestId: string): Promise<void>;
  waitBeforeFlush(requestId: string): Promise<number>;
  beginFlush(requestId: string): Promise<void>;
  /** The oldest lines, without removing them (removed only after they were posted). */
  peek(requestId: string, max: number): Promise<string[]>;
  /** Removes `count` posted lines and records the post time; returns how many lines remain. */
  posted(requestId: string, count: number): Promise<number>;
}

export function createReplyBuffer(opts: { redis: Redis; prefix: string; gapMs: number }): ReplyBuffer {
  const { redis, prefix, gapMs } = opts;
  const listKey = (id: string): string => `${prefix}:notify:replies:${id}`;
  const pendingKey = (id: string): string => `${prefix}:notify:replies-pending:${id}`;
  const lastKey = (id: string): string => `${prefix}:notify:replies-last:${id}`;

  async function waitBeforeFlush(id: string): Promise<number> {
    const last = Number(await redis.get(lastKey(id)));
    if (!Number.isFinite(last) || last <= 0) return 0;
    return Math.max(0, last + gapMs - Date.now());
  }

  async function claim(id: string): Promise<number | null> {
    const claimed = await redis.set(pendingKey(id), '1', 'PX', PENDING_TTL_MS, 'NX');
    return claimed === null ? null : waitBeforeFlush(id);
  }

  return {
    async push(id, text) {
      await redis.multi().rpush(listKey(id), text).pexpire(listKey(id), BUFFER_TTL_MS).exec();
      return claim(id);
    },
    claim,
    async release(id) {
      await redis.del(pendingKey(id));
    },
    waitBeforeFlush,
    async beginFlush(id) {
      await redis.del(pendingKey(id));
    },
    async peek(id, max) {
      return redis.lrange(listKey(id), 0, max - 1);
    },
    async posted(id, count) {
      const res = await redis
        .multi()
        .ltrim(listKey(id), count, -1)
        .set(lastKey(id), String(Date.now()), 'PX', LAST_POST_TTL_MS)
        .llen(listKey(id))
        .exec();
      const remaining = res?.[2]?.[1];
      return typeof remaining === 'number' ? remaining : 0;
    },
  };
}
