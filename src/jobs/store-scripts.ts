/**
 * Lua for the request store. Records are JSON built in Node; the scripts only decide whether a
 * write may happen (Redis cjson would turn `[]` into `{}` if we re-encoded there).
 */

/**
 * Create: KEYS = record, idempotency ('' when none), activeAll, activeEnv, recentAll, recentTarget ('' when none), unaudited
 * ARGV = json, id, score, retentionMs, idempotencyTtlMs, audit lease deadline (ms).
 * The record and its "requested still to be audited" mark are written in one step, so a process
 * that dies before its audit append lands leaves a mark the reconciler finds (see requested-audit.ts).
 * Returns ['created', id] | ['existing', id] | ['collision', id].
 */
export const CREATE_LUA = `
if KEYS[2] ~= '' then
  local existing = redis.call('GET', KEYS[2])
  if existing then return {'existing', existing} end
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[4]) == false then return {'collision', ARGV[2]} end
if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[5]) end
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[2])
if KEYS[6] ~= '' then redis.call('ZADD', KEYS[6], ARGV[3], ARGV[2]) end
redis.call('HSET', KEYS[7], ARGV[2], 'c:' .. ARGV[6])
return {'created', ARGV[2]}
`;

/**
 * Compare-and-set on the version: KEYS = record, activeAll, activeEnv; ARGV = expectedVersion, json,
 * terminal ('1' drops the id from the active indexes), id.
 * Returns 1 on success, 0 when someone else wrote first, -1 when the record is gone.
 */
export const CAS_LUA = `
local cur = redis.call('GET', KEYS[1])
if not cur then return -1 end
local rec = cjson.decode(cur)
if tostring(rec['version']) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
if ARGV[3] == '1' then
  redis.call('ZREM', KEYS[2], ARGV[4])
  redis.call('ZREM', KEYS[3], ARGV[4])
end
return 1
`;

/**
 * Claims the writing of a request's `requested` audit record: KEYS = unaudited; ARGV = id, now,
 * new lease deadline, takeOverCreator ('1' or '0'). The mark is `c:<deadline>` while its creator
 * may still be writing it and `r:<deadline>` once a repairer claimed it. A claim succeeds (1) only
 * while the mark exists and its lease ran out, or, with takeOverCreator, when the creator's lease
 * is the one that holds it; so of several replicas repairing at once exactly one writes it.
 */
export const CLAIM_AUDIT_LUA = `
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
local holder = string.sub(v, 1, 1)
local deadline = tonumber(string.sub(v, 3)) or 0
if deadline > tonumber(ARGV[2]) and not (ARGV[4] == '1' and holder == 'c') then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], 'r:' .. ARGV[3])
return 1
`;
