import type { Redis } from 'ioredis';

export type LuaCommand = (...args: (string | number)[]) => Promise<unknown>;

/**
 * A Lua script called by its SHA1 (EVALSHA) instead of sending its source with every call, using
 * ioredis's defineCommand, which loads the script again when a server answers NOSCRIPT (a restart
 * or SCRIPT FLUSH). With `numberOfKeys` omitted the caller passes the key count first, as EVAL does.
 * Names are per connection, so each script gets its own name.
 */
export function luaCommand(redis: Redis, name: string, lua: string, numberOfKeys?: number): LuaCommand {
  const host = redis as unknown as Record<string, LuaCommand | undefined>;
  if (typeof host[name] !== 'function') redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { lua, numberOfKeys });
  return (...args) => (host[name] as LuaCommand).apply(redis, args);
}
