import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { hashRecord, GENESIS_HASH, type AuditEvent, type AuditRecord } from './audit-record.js';
import { verifyChain, type AuditHead, type AuditVerifyResult, type StoredEntry } from './audit-verify.js';

export interface AuditReadOptions {
  since?: Date;
  requestId?: string;
  /** Matches the event's `target` string exactly. */
  target?: string;
  /** The most recent N matching records (still oldest first). */
  limit?: number;
}

/** Append-only, hash-chained audit log. */
export interface AuditLog {
  append(event: AuditEvent): Promise<AuditRecord>;
  read(opts?: AuditReadOptions): Promise<AuditRecord[]>;
  verify(): Promise<AuditVerifyResult>;
}

export interface AuditLogOptions {
  redis: Redis;
  /** The stream key; the chain head lives at `${key}:head`. */
  key: string;
  logger: Logger;
  clock?: () => Date;
}

// Appends only if the head is still the one the caller hashed against, so concurrent writers in
// several processes cannot fork the chain; the loser re-reads the head and tries again.
const APPEND_LUA = `
local head = redis.call('GET', KEYS[2])
if head == false then head = '' end
if head ~= ARGV[1] then return false end
local id = redis.call('XADD', KEYS[1], '*', 'record', ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
return id
`;

const PAGE = 1000;
const MAX_APPEND_ATTEMPTS = 200;

/** Builds the audit log on a Redis stream. */
export function createAuditLog(opts: AuditLogOptions): AuditLog {
  const { redis, key } = opts;
  const headKey = `${key}:head`;
  const clock = opts.clock ?? (() => new Date());

  async function append(event: AuditEvent): Promise<AuditRecord> {
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const rawHead = (await redis.get(headKey)) ?? '';
      const head = rawHead ? (JSON.parse(rawHead) as AuditHead) : null;
      const parts = { seq: (head?.seq ?? 0) + 1, at: clock().toISOString(), prevHash: head?.hash ?? GENESIS_HASH, event };
      const record: AuditRecord = { ...parts, hash: hashRecord(parts) };
      const newHead: AuditHead = { seq: record.seq, hash: record.hash };
      const id = await redis.eval(APPEND_LUA, 2, key, headKey, rawHead, JSON.stringify(record), JSON.stringify(newHead));
      if (id) return record;
      // Lost the race to another writer: a short random pause spreads the retries out.
      await new Promise((r) => setTimeout(r, Math.random() * 3 * Math.min(attempt + 1, 10)));
    }
    throw new Error(`audit append to ${key} kept conflicting with other writers`);
  }

  async function* entries(startId: string): AsyncGenerator<StoredEntry> {
    let start = startId;
    for (;;) {
      const page = await redis.xrange(key, start, '+', 'COUNT', PAGE);
      for (const [id, fields] of page) yield { id, record: parseFields(fields) };
      if (page.length < PAGE) return;
      start = `(${page[page.length - 1]![0]}`;
    }
  }

  async function read(ro: AuditReadOptions = {}): Promise<AuditRecord[]> {
    // Stream ids carry the server's clock; `at` carries ours. Start a minute early and filter on `at`.
    const start = ro.since ? String(Math.max(0, ro.since.getTime() - 60_000)) : '-';
    const out: AuditRecord[] = [];
    for await (const { record } of entries(start)) {
      if (!record) continue;
      if (ro.since && new Date(record.at) < ro.since) continue;
      if (ro.requestId && record.event.requestId !== ro.requestId) continue;
      if (ro.target && record.event.target !== ro.target) continue;
      out.push(record);
    }
    return ro.limit === undefined ? out : out.slice(Math.max(0, out.length - ro.limit));
  }

  async function verify(): Promise<AuditVerifyResult> {
    const all: StoredEntry[] = [];
    for await (const entry of entries('-')) all.push(entry);
    const rawHead = await redis.get(headKey);
    const head = rawHead ? (JSON.parse(rawHead) as AuditHead) : null;
    const result = verifyChain(all, head);
    if (!result.ok) opts.logger.warn({ problems: result.problems.length }, 'audit chain verification found problems');
    return result;
  }

  return { append, read, verify };
}

function parseFields(fields: string[]): AuditRecord | null {
  const i = fields.indexOf('record');
  const raw = i >= 0 ? fields[i + 1] : undefined;
  if (raw === undefined) return null;
  try {
    const r = JSON.parse(raw) as AuditRecord;
    return typeof r.seq === 'number' && typeof r.hash === 'string' && r.event ? r : null;
  } catch {
    return null;
  }
}
