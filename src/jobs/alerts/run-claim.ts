import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaCommand } from '../../core/lua-command.js';

export interface RunClaim {
  /** Gives the run back so a BullMQ retry of a failed run may claim it again. */
  release(): Promise<void>;
}

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Second guard besides the job scheduler's deterministic ids: the first replica to SET NX the run
 * key owns the run (`alerts:run:<scheduler>:<scheduledAt>`); any other returns null and posts nothing.
 */
export async function claimRun(options: {
  redis: Redis;
  prefix: string;
  scheduler: string;
  scheduledAt: number;
  ttlMs?: number;
}): Promise<RunClaim | null> {
  const key = `${options.prefix}:alerts:run:${options.scheduler}:${options.scheduledAt}`;
  const token = randomUUID();
  const ok = await options.redis.set(key, token, 'PX', options.ttlMs ?? 7 * 86_400_000, 'NX');
  if (ok !== 'OK') return null;
  return {
    async release() {
      await luaCommand(options.redis, 'shipmateRunRelease', RELEASE_SCRIPT, 1)(key, token);
    },
  };
}
