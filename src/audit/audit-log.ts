import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { luaCommand } from '../core/lua-command.js';
import { hashRecord, GENESIS_HASH, type AuditEvent, type AuditKey, type AuditRecord } from './audit-record.js';
import { createAnchorer, DEFAULT_ANCHOR_POLICY, type AnchorPolicy, type AnchorPoster, type AuditAnchor } from './audit-anchor.js';
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
  /** Anchors taken so far, oldest first (as kept in Redis; the posted copies are the ones to trust). */
  anchors(): Promise<AuditAnchor[]>;
}

export interface AuditLogOptions {
  redis: Redis;
  /** The stream key; the chain head lives at `${key}:head`. */
  key: string;
  /** SHIPMATE_AUDIT_KEY: every record's hash is an HMAC under it. Never written to Redis. */
  hmacKey: AuditKey;
  /** When to anchor the head (default every 100 records) and where to post it (the audit channel). */
  anchoring?: { policy?: AnchorPolicy | undefined; post?: AnchorPoster | undefined };
  logger: Logger;
  clock?: () => Date;
}

// Appends a batch only if the head is still the one the caller hashed against, so concurrent
// writers in several processes cannot fork the chain; the loser re-reads the head and tries again.
// ARGV: expected head, new head, then one serialized record per entry.
const APPEND_LUA = `
local head = redis.call('GET', KEYS[2])
if head == false then head = '' end
if head ~= ARGV[1] then return false end
local last
for i = 3, #ARGV do
  last = redis.call('XADD', KEYS[1], '*', 'record', ARGV[i])
end
redis.call('SET', KEYS[2], ARGV[2])
return last
`;

const PAGE = 1000;
const MAX_APPEND_ATTEMPTS = 200;
/** Appends waiting in this process are chained and written together, at most this many at once. */
const MAX_BATCH = 200;

interface PendingAppend {
  event: AuditEvent;
  resolve(record: AuditRecord): void;
  reject(err: unknown): void;
}

/** Builds the audit log on a Redis stream. */
export function createAuditLog(opts: AuditLogOptions): AuditLog {
  const { redis, key } = opts;
  const appendScript = luaCommand(redis, 'shipmateAuditAppend', APPEND_LUA, 2);
  const headKey = `${key}:head`;
  const clock = opts.clock ?? (() => new Date());
  const anchorer = createAnchorer({
    redis,
    key: `${key}:anchors`,
    policy: opts.anchoring?.policy ?? DEFAULT_ANCHOR_POLICY,
    post: opts.anchoring?.post,
    logger: opts.logger,
    clock,
  });

  // Writers in one process never race each other: appends queue up and are chained and written in
  // batches (one round trip for many events under load); only other processes can conflict.
  const pending: PendingAppend[] = [];
  let flushing = false;

  async function writeBatch(batch: readonly PendingAppend[]): Promise<AuditRecord[]> {
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const rawHead = (await redis.get(headKey)) ?? '';
      const head = rawHead ? (JSON.parse(rawHead) as AuditHead) : null;
      let prev = { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
      const records = batch.map(({ event }) => {
        const parts = { seq: prev.seq + 1, at: clock().toISOString(), prevHash: prev.hash, event };
        const record: AuditRecord = { ...parts, hash: hashRecord(parts, opts.hmacKey) };
        prev = { seq: record.seq, hash: record.hash };
        return record;
      });
      const newHead: AuditHead = { seq: prev.seq, hash: prev.hash };
      const id = await appendScript(key, headKey, rawHead, JSON.stringify(newHead), ...records.map((r) => JSON.stringify(r)));
      if (id) return records;
      // Lost the race to another process: a short random pause spreads the retries out.
      await new Promise((r) => setTimeout(r, Math.random() * 3 * Math.min(attempt + 1, 10)));
    }
    throw new Error(`audit append to ${key} kept conflicting with other writers`);
  }

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, MAX_BATCH);
        try {
          const records = await writeBatch(batch);
          // Anchored before the appends resolve, so a caller that appended sees its anchor.
          await anchorer.afterBatch(records).catch((err: unknown) => opts.logger.error({ err }, 'taking an audit anchor failed'));
          batch.forEach((p, i) => p.resolve(records[i]!));
        } catch (err) {
          batch.forEach((p) => p.reject(err));
        }
      }
    } finally {
      flushing = false;
    }
  }

  function append(event: AuditEvent): Promise<AuditRecord> {
    return new Promise<AuditRecord>((resolve, reject) => {
      pending.push({ event, resolve, reject });
      void flush();
    });
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
    const snapshot = await readSnapshot();
    const result = verifyChain(snapshot.records, snapshot.head, opts.hmacKey, { anchors: snapshot.anchors });
    if (!result.ok) opts.logger.warn({ problems: result.problems.length }, 'audit chain verification found problems');
    return result;
  }

  /**
   * A live chain keeps growing while it is read. The head is read after the records, and records
   * appended in between are read up to that head and no further: a concurrent append is never taken
   * for a break, while a record found beyond the head in the first pass still is one.
   */
  async function readSnapshot(): Promise<{ head: AuditHead | null; anchors: AuditAnchor[]; records: StoredEntry[] }> {
    const anchors = await anchorer.list();
    const records: StoredEntry[] = [];
    for await (const entry of entries('-')) records.push(entry);
    const raw = await redis.get(headKey);
    const head = raw ? (JSON.parse(raw) as AuditHead) : null;
    const last = records[records.length - 1];
    if (head && (last?.record?.seq ?? 0) < head.seq) {
      for await (const entry of entries(last ? `(${last.id}` : '-')) {
        if (entry.record && entry.record.seq > head.seq) break;
        records.push(entry);
      }
    }
    return { head, anchors, records };
  }

  return { append, read, verify, anchors: () => anchorer.list() };
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
