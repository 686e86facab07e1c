import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Mutex } from 'redis-semaphore';
import { TargetBusyError } from '../core/errors.js';
import { luaCommand } from '../core/lua-command.js';
import { describeTarget, targetKey, type TargetRef } from '../core/target.js';
import { mutexRedisKey } from './adapters/mutex-key.js';
import { targetLockNameOf } from './names.js';

export interface LockHolder {
  requestId: string;
  user: string;
  since: string;
}

/** A held target lock; refreshes itself until released. */
export interface HeldLock {
  release(): Promise<void>;
}

/** One mutation per target: a Redis mutex per (cluster, namespace, kind, name). */
export interface TargetLocks {
  /** Takes the lock without waiting, or throws TargetBusyError naming the holder. */
  acquire(target: TargetRef, holder: LockHolder, onLost: () => void): Promise<HeldLock>;
  /** Who holds the target now, for a pre-check at submit time. */
  lockHolder(target: TargetRef): Promise<LockHolder | null>;
  /** Frees a lock held by `requestId` (a dead worker's); does nothing when someone else holds it. */
  forceRelease(target: TargetRef, requestId: string): Promise<boolean>;
}

export interface TargetLocksOptions {
  redis: Redis;
  prefix: string;
  logger: Logger;
  /** Expiry of a lock whose holder stopped refreshing it (a killed worker). Default 30 s. */
  lockTimeoutMs?: number;
}

// The mutex value (redis-semaphore's identifier) carries the holder, so "who holds it" can never
// disagree with the lock itself and expires with it. Fields never contain '|': ids, user ids, ISO times.
const SEP = '|';

const FORCE_RELEASE_LUA = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

export function createTargetLocks(opts: TargetLocksOptions): TargetLocks {
  const lockTimeout = opts.lockTimeoutMs ?? 30_000;
  const mutexName = (t: TargetRef) => targetLockNameOf(opts.prefix, targetKey(t));
  const redisKey = (t: TargetRef) => mutexRedisKey(mutexName(t));

  async function lockHolder(target: TargetRef): Promise<LockHolder | null> {
    const raw = await opts.redis.get(redisKey(target));
    if (!raw) return null;
    const [requestId = '?', user = '?', since = '?'] = raw.split(SEP);
    return { requestId, user, since };
  }

  async function acquire(target: TargetRef, holder: LockHolder, onLost: () => void): Promise<HeldLock> {
    const identifier = [holder.requestId, holder.user, holder.since, randomUUID()].join(SEP);
    const mutex = new Mutex(opts.redis, mutexName(target), {
      identifier,
      lockTimeout,
      acquireAttemptsLimit: 1,
      onLockLost: (err) => {
        opts.logger.error({ err, target: describeTarget(target) }, 'target lock lost while held');
        onLost();
      },
    });
    if (!(await mutex.tryAcquire())) {
      const current = await lockHolder(target);
      throw new TargetBusyError(current ?? { requestId: 'another request', user: 'unknown', since: 'just now' }, describeTarget(target));
    }
    return { release: () => mutex.release() };
  }

  async function forceRelease(target: TargetRef, requestId: string): Promise<boolean> {
    const n = await luaCommand(opts.redis, 'shipmateLockForceRelease', FORCE_RELEASE_LUA, 1)(redisKey(target), `${requestId}${SEP}`);
    return n === 1;
  }

  return { acquire, lockHolder, forceRelease };
}
