import type { Redis } from 'ioredis';
import { luaCommand } from '../../core/lua-command.js';
import type { Finding } from '../../k8s/scans/finding.js';

export type AlertEventKind = 'new' | 'escalated' | 'reminder' | 'resolved';

export interface AlertEvent {
  kind: AlertEventKind;
  /** The current finding, or for `resolved` the last one stored. */
  finding: Finding;
}

/** The findings of one scope (a cluster, or its scan-health pseudo scope) that was fully scanned. */
export interface ScopeFindings {
  scope: string;
  findings: readonly Finding[];
}

export interface DiffRequest {
  kind: string;
  channel: string;
  scopes: readonly ScopeFindings[];
  now: number;
  remindEveryMs: number;
}

/**
 * One hash per (kind, channel, scope): field = finding key, value = `severity|lastNotifiedAt|finding JSON`.
 * The whole diff is one Lua call, so two replicas that both run still see each transition once.
 * Scopes not passed in (a cluster that failed to scan) keep their state: nothing resolves by accident.
 */
const DIFF_SCRIPT = `
local now = tonumber(ARGV[1])
local remind = tonumber(ARGV[2])
local out = {}
for i, hash in ipairs(KEYS) do
  local current = cjson.decode(ARGV[i + 2])
  local seen = {}
  for _, f in ipairs(current) do
    seen[f[1]] = true
    local stored = redis.call('HGET', hash, f[1])
    local event = false
    local at = now
    if not stored then
      event = 'new'
    else
      local sev, t = string.match(stored, '^(%a+)|(%d+)|')
      if f[2] == 'critical' and sev == 'warn' then
        event = 'escalated'
      elseif now - tonumber(t) >= remind then
        event = 'reminder'
      else
        at = tonumber(t)
      end
    end
    redis.call('HSET', hash, f[1], f[2] .. '|' .. string.format('%d', at) .. '|' .. f[3])
    if event then table.insert(out, event); table.insert(out, f[3]) end
  end
  local fields = redis.call('HKEYS', hash)
  for _, key in ipairs(fields) do
    if not seen[key] then
      local stored = redis.call('HGET', hash, key)
      redis.call('HDEL', hash, key)
      table.insert(out, 'resolved'); table.insert(out, string.match(stored, '^%a+|%d+|(.*)$'))
    end
  end
end
return out
`;

export interface AlertStateStore {
  /** Records the findings of a run and returns what changed: new, escalated, reminders, resolved. */
  diff(request: DiffRequest): Promise<AlertEvent[]>;
  /** Drops all stored state for a kind and channel (tests, or a channel change). */
  clear(kind: string, channel: string): Promise<void>;
}

export function createAlertStateStore(options: { redis: Redis; prefix: string }): AlertStateStore {
  const { redis, prefix } = options;
  const hashKey = (kind: string, channel: string, scope: string) => `${prefix}:alerts:state:${kind}:${channel}:${scope}`;
  return {
    async diff(req) {
      if (req.scopes.length === 0) return [];
      const keys = req.scopes.map((s) => hashKey(req.kind, req.channel, s.scope));
      const args = req.scopes.map((s) => JSON.stringify(s.findings.map((f) => [f.key, f.severity, JSON.stringify(f)])));
      const raw = (await luaCommand(redis, 'shipmateAlertDiff', DIFF_SCRIPT)(keys.length, ...keys, req.now, req.remindEveryMs, ...args)) as string[];
      const events: AlertEvent[] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) {
        events.push({ kind: raw[i] as AlertEventKind, finding: JSON.parse(raw[i + 1] ?? '{}') as Finding });
      }
      return events;
    },
    async clear(kind, channel) {
      const pattern = `${hashKey(kind, channel, '')}*`;
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
        cursor = next;
        if (found.length) await redis.del(...found);
      } while (cursor !== '0');
    },
  };
}
