import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { luaCommand } from '../../../src/core/lua-command.js';
import { claimRun } from '../../../src/jobs/alerts/run-claim.js';
import { createTargetLocks } from '../../../src/jobs/target-lock.js';
import { deleteKeys, REDIS_URL, silentLogger, uniquePrefix } from './helpers.js';

/**
 * ioredis copies the scripts a connection knows into each auto-pipeline when it creates it. A
 * script defined after that (lazily, on first use) is missing from the pipeline that is already
 * collecting commands: the call fails with a TypeError and ioredis then throws an uncaught
 * "results[i] is not iterable" for the rest of that pipeline. It surfaced on the shared
 * (auto-pipelining) connection of the survivor in the two-replica SIGKILL test.
 */
const prefix = uniquePrefix('lua-autopipe');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null, enableAutoPipelining: true });
afterAll(async () => {
  await deleteKeys(redis, `*${prefix}*`);
  await redis.quit();
});

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Commands that sit in a pending auto-pipeline while `call` runs in the same tick. */
async function alongsidePendingCommands<T>(call: () => Promise<T>): Promise<T> {
  const pending = Array.from({ length: 20 }, (_, i) => redis.get(`${prefix}:k${i}`));
  const result = call();
  await Promise.all(pending);
  return result;
}

describe('Lua scripts on an auto-pipelining connection', () => {
  it('a target lock released by force on first use, while other commands are pipelined', async () => {
    const locks = createTargetLocks({ redis, prefix, logger: silentLogger });
    const target = { cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: 'api' };
    await expect(alongsidePendingCommands(() => locks.forceRelease(target, 'R-AAAAAAAA'))).resolves.toBe(false);
  });

  it('an alert run claim released while other commands are pipelined', async () => {
    const claim = await claimRun({ redis, prefix, scheduler: 'quotas', scheduledAt: 1 });
    expect(claim).not.toBeNull();
    await expect(alongsidePendingCommands(() => claim!.release())).resolves.toBeUndefined();
    expect(await redis.exists(`${prefix}:alerts:run:quotas:1`)).toBe(0);
  });

  it('a script the server has never seen is sent once, then called by its hash', async () => {
    // A unique comment makes a script no server has cached (as after a restart or SCRIPT FLUSH).
    const lua = `-- ${prefix}\nreturn redis.call('INCR', KEYS[1])`;
    const incr = luaCommand(redis, 'testIncr', lua, 1);
    expect(await redis.script('EXISTS', sha1(lua))).toEqual([0]);
    expect(await alongsidePendingCommands(() => incr(`${prefix}:n`))).toBe(1);
    expect(await redis.script('EXISTS', sha1(lua))).toEqual([1]);
    expect(await incr(`${prefix}:n`)).toBe(2);
  });
});
