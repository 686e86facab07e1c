import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { luaCommand } from '../core/lua-command.js';
import type { AuditRecord } from './audit-record.js';

/**
 * The chain head (seq + its HMAC) copied outside Redis at intervals: to the audit channel, and
 * into every export. A Redis writer can cut the tail or swap the whole stream, but cannot change
 * what was already posted, so a break can be placed after the last anchor that still matches.
 */
export interface AuditAnchor {
  /** 1, 2, 3… in the order anchors were taken. */
  anchor: number;
  seq: number;
  hash: string;
  /** When the anchor was taken (and handed to the poster). */
  at: string;
}

/** When to anchor: after every `records` records, or when `intervalMs` has passed since the last one. */
export type AnchorPolicy = { records: number } | { intervalMs: number };

/** Posts an anchor outside Redis (the audit channel). Failures are logged, never thrown at appenders. */
export type AnchorPoster = (anchor: AuditAnchor) => Promise<void>;

export const DEFAULT_ANCHOR_POLICY: AnchorPolicy = { records: 100 };

// Pushes an anchor only if it is past the last one, so replicas never anchor the same head twice.
// KEYS[1] anchors list; ARGV[1] seq, ARGV[2] hash, ARGV[3] at. Returns the anchor number or false.
const ANCHOR_LUA = `
local last = redis.call('LINDEX', KEYS[1], -1)
if last then
  local l = cjson.decode(last)
  if tonumber(l.seq) >= tonumber(ARGV[1]) then return false end
end
local n = redis.call('LLEN', KEYS[1]) + 1
redis.call('RPUSH', KEYS[1], cjson.encode({ anchor = n, seq = tonumber(ARGV[1]), hash = ARGV[2], at = ARGV[3] }))
return n
`;

export interface Anchorer {
  /** Called after each written batch; anchors its last record when the policy says so. */
  afterBatch(records: readonly AuditRecord[]): Promise<void>;
  list(): Promise<AuditAnchor[]>;
}

export interface AnchorerOptions {
  redis: Redis;
  /** `${auditKey}:anchors` */
  key: string;
  policy: AnchorPolicy;
  post?: AnchorPoster | undefined;
  logger: Logger;
  clock: () => Date;
}

export function createAnchorer(opts: AnchorerOptions): Anchorer {
  const push = luaCommand(opts.redis, 'shipmateAuditAnchor', ANCHOR_LUA, 1);
  let lastAnchorAt = 0;

  function due(records: readonly AuditRecord[]): AuditRecord | undefined {
    const policy = opts.policy;
    const first = records[0];
    const last = records.at(-1);
    if (!first || !last) return undefined;
    if ('records' in policy) {
      // A batch that reaches or passes a multiple of N anchors its last record.
      return Math.floor(last.seq / policy.records) > Math.floor((first.seq - 1) / policy.records) ? last : undefined;
    }
    const now = opts.clock().getTime();
    return now - lastAnchorAt >= policy.intervalMs ? last : undefined;
  }

  async function afterBatch(records: readonly AuditRecord[]): Promise<void> {
    const record = due(records);
    if (!record) return;
    const at = opts.clock();
    const n = await push(opts.key, String(record.seq), record.hash, at.toISOString());
    if (!n) return;
    lastAnchorAt = at.getTime();
    const anchor: AuditAnchor = { anchor: Number(n), seq: record.seq, hash: record.hash, at: at.toISOString() };
    opts.post?.(anchor).catch((err: unknown) => opts.logger.error({ err, anchor }, 'posting the audit anchor failed; it is kept in Redis and in exports'));
  }

  async function list(): Promise<AuditAnchor[]> {
    const raw = await opts.redis.lrange(opts.key, 0, -1);
    return raw.flatMap((text) => {
      const a = parseAnchor(text);
      return a ? [a] : [];
    });
  }

  return { afterBatch, list };
}

/** An anchor from its JSON (Redis or an export line), or null when it is not one. */
export function parseAnchor(text: string): AuditAnchor | null {
  try {
    const a = JSON.parse(text) as Partial<AuditAnchor>;
    if (typeof a.anchor !== 'number' || typeof a.seq !== 'number' || typeof a.hash !== 'string' || typeof a.at !== 'string') return null;
    return { anchor: a.anchor, seq: a.seq, hash: a.hash, at: a.at };
  } catch {
    return null;
  }
}

/** "after anchor #3 (seq 40, posted 2026-…)" or "before the first anchor", for a break at `seq`. */
export function describeBreak(seq: number, anchors: readonly AuditAnchor[]): string {
  const before = anchors.filter((a) => a.seq < seq).sort((a, b) => a.seq - b.seq).at(-1);
  return before ? `after anchor #${before.anchor} (seq ${before.seq}, posted ${before.at})` : 'before the first anchor';
}

/** The anchor as one plain line (no markup: it holds only numbers, hex and a timestamp). */
export function anchorText(a: AuditAnchor): string {
  return `Shipmate audit anchor #${a.anchor}: seq ${a.seq}, hmac ${a.hash}, taken ${a.at}`;
}
