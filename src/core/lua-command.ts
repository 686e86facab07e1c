import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaCommand = (...args: (string | number)[]) => Promise<unknown>;

const isNoScript = (err: unknown): boolean => err instanceof Error && err.message.startsWith('NOSCRIPT');

/**
 * A Lua script called by its SHA1 (EVALSHA) instead of sending its source with every call; a
 * server that answers NOSCRIPT (a restart, SCRIPT FLUSH) gets the source once with EVAL, which
 * also caches it. Only the built-in EVALSHA/EVAL commands are used, never ioredis's
 * defineCommand: ioredis copies defined commands into each auto-pipeline when it creates it, so a
 * script defined on first use is missing from the pipeline already collecting commands, and the
 * call fails (then ioredis throws an uncaught "results[i] is not iterable").
 * With `numberOfKeys` omitted the caller passes the key count first, as EVAL does. `name` only
 * labels the script for readers.
 */
export function luaCommand(redis: Redis, _name: string, lua: string, numberOfKeys?: number): LuaCommand {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (...args) => {
    const withKeys: (string | number)[] = numberOfKeys === undefined ? args : [numberOfKeys, ...args];
    const [numKeys = 0, ...rest] = withKeys;
    try {
      return await redis.evalsha(sha, numKeys, ...rest);
    } catch (err) {
      if (!isNoScript(err)) throw err;
      return redis.eval(lua, numKeys, ...rest);
    }
  };
}
