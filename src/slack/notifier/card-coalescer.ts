import type { Redis } from 'ioredis';
import { luaCommand } from '../../core/lua-command.js';

/** A pending flag outlives any sane queue delay; if a job is lost the flag frees itself. */
const PENDING_TTL_MS = 5 * 60_000;
/** Long enough to outlast a burst of progress; afterwards the next edit is simply immediate. */
const LAST_RENDER_TTL_MS = 60 * 60_000;

/** KEYS = pending flag, last render time; ARGV = flag TTL. Nil when a render is already pending, else the last render time ('' for never). */
const CLAIM_LUA = `
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return false end
return redis.call('GET', KEYS[2]) or ''
`;

/**
 * Per-card bookkeeping in Redis that turns many `cardChanged` calls into at most one edit per
 * `coalesceMs`. A card has at most one pending render job (SET NX); the job clears the flag
 * before it reads the record, so any change after that read schedules the next (trailing) job and
 * the final state is never dropped. Shared through Redis, so replicas coalesce together.
 */
export interface CardCoalescer {
  /** Claims the pending slot; returns the delay for the render job, or null when one is already pending. */
  claim(requestId: string): Promise<number | null>;
  /** Gives the slot back (the job could not be enqueued). */
  release(requestId: string): Promise<void>;
  /** Milliseconds until the card may be edited again (0 = now). */
  waitBeforeRender(requestId: string): Promise<number>;
  /** Called by the render job just before it reads the record. */
  beginRender(requestId: string): Promise<void>;
  /** Called after a successful post or edit. */
  rendered(requestId: string): Promise<void>;
  /** True the first time for this key: used to upload a card's overflow file once. */
  once(requestId: string, what: string): Promise<boolean>;
}

export function createCardCoalescer(opts: { redis: Redis; prefix: string; coalesceMs: number; now?: () => number }): CardCoalescer {
  const { redis, prefix, coalesceMs } = opts;
  const now = opts.now ?? Date.now;
  const pendingKey = (id: string): string => `${prefix}:notify:card-pending:${id}`;
  const lastKey = (id: string): string => `${prefix}:notify:card-last:${id}`;
  const claimScript = luaCommand(redis, 'shipmateCardClaim', CLAIM_LUA, 2);

  function delayAfter(raw: string | null | undefined): number {
    const last = Number(raw);
    if (!Number.isFinite(last) || last <= 0) return 0;
    return Math.max(0, last + coalesceMs - now());
  }

  async function waitBeforeRender(id: string): Promise<number> {
    return delayAfter(await redis.get(lastKey(id)));
  }

  return {
    async claim(id) {
      // One round trip: the claim and the last render time come back together.
      const last = (await claimScript(pendingKey(id), lastKey(id), PENDING_TTL_MS)) as string | null;
      return last === null ? null : delayAfter(last);
    },
    async release(id) {
      await redis.del(pendingKey(id));
    },
    waitBeforeRender,
    async beginRender(id) {
      await redis.del(pendingKey(id));
    },
    async rendered(id) {
      await redis.set(lastKey(id), String(now()), 'PX', LAST_RENDER_TTL_MS);
    },
    async once(id, what) {
      const ok = await redis.set(`${prefix}:notify:once:${id}:${what}`, '1', 'PX', 7 * 24 * 3600_000, 'NX');
      return ok !== null;
    },
  };
}
