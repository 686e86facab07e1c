import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../../src/audit/audit-log.js';
import type { AuditEvent, AuditRecord } from '../../../src/audit/audit-record.js';
import { runAudit } from '../../../src/cli/audit.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url);
const other = new Redis(url);
const logger = pino({ level: 'silent' });
const prefix = `test-audit-${process.pid}-${Date.now().toString(36)}`;
let key: string;
let log: AuditLog;
let n = 0;

const event = (i: number, requestId = `R-AAAA000${i % 10}`): AuditEvent => ({
  requestId,
  actor: 'U1',
  action: 'requested',
  command: 'rollback',
  target: `deployment/api in c1/shop`,
  detail: `event ${i}`,
});

async function appendMany(count: number): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (let i = 1; i <= count; i++) out.push(await log.append(event(i)));
  return out;
}

/** Rewrites the stream through raw Redis commands, as someone with Redis access could. */
async function tamper(edit: (entries: [string, string][]) => [string, string][]): Promise<void> {
  const raw = await redis.xrange(key, '-', '+');
  const entries = raw.map(([id, fields]) => [id, fields[1]!] as [string, string]);
  await redis.del(key);
  for (const [id, json] of edit(entries)) await redis.xadd(key, id, 'record', json);
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, deps: { auditLog: log, auditKey: TEST_AUDIT_KEY, source: key, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

beforeEach(() => {
  key = `${prefix}:audit-${++n}`;
  log = createAuditLog({ redis, key, hmacKey: TEST_AUDIT_KEY, logger });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await other.quit();
});

describe('audit log', () => {
  it('chains records: seq 1,2,3…, each prevHash is the previous hash; verify passes', async () => {
    const recs = await appendMany(5);
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < recs.length; i++) expect(recs[i]!.prevHash).toBe(recs[i - 1]!.hash);
    expect(await log.verify()).toEqual({ ok: true, checked: 5, problems: [] });
  });

  it('keeps one chain under concurrent writers on separate connections', async () => {
    const second = createAuditLog({ redis: other, key, hmacKey: TEST_AUDIT_KEY, logger });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? log : second).append(event(i))));
    const result = await log.verify();
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(40);
  });

  it('verifies a live chain while another process appends to it: a concurrent append is no break', async () => {
    const writer = createAuditLog({ redis: other, key, hmacKey: TEST_AUDIT_KEY, logger });
    let writing = true;
    const appends = (async () => {
      for (let i = 0; writing && i < 400; i++) await writer.append(event(i));
    })();
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await log.verify());
    writing = false;
    await appends;
    expect(results.filter((r) => !r.ok).map((r) => r.problems[0]?.message)).toEqual([]);
    expect((await log.verify()).ok).toBe(true);
  });

  it('reads by request id, since and limit', async () => {
    await appendMany(12);
    expect((await log.read({ requestId: 'R-AAAA0003' })).map((r) => r.event.detail)).toEqual(['event 3']);
    expect((await log.read({ limit: 2 })).map((r) => r.seq)).toEqual([11, 12]);
    expect(await log.read({ since: new Date(Date.now() + 3_600_000) })).toEqual([]);
    expect((await log.read({ target: 'deployment/api in c1/shop' })).length).toBe(12);
  });

  it('detects an edited record', async () => {
    await appendMany(4);
    await tamper((es) => es.map(([id, json], i) => [id, i === 1 ? json.replace('"actor":"U1"', '"actor":"U_EVIL"') : json]));
    const result = await log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'edited', seq: 2 })]);
  });

  it('detects a removed record', async () => {
    await appendMany(4);
    await tamper((es) => es.filter((_, i) => i !== 2));
    const result = await log.verify();
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([['removed', 3]]);
  });

  it('detects reordered records', async () => {
    await appendMany(4);
    await tamper((es) => es.map(([id], i) => [id, es[i === 1 ? 2 : i === 2 ? 1 : i]![1]]));
    const result = await log.verify();
    expect(result.problems.map((p) => p.kind)).toEqual(['reordered']);
  });

  it('detects a truncated tail', async () => {
    await appendMany(4);
    await tamper((es) => es.slice(0, 3));
    const result = await log.verify();
    expect(result.problems.map((p) => p.kind)).toEqual(['truncated']);
  });

  it('runAudit verify exits 0 when intact and 1 with each problem printed', async () => {
    await appendMany(3);
    const good = io();
    expect(await runAudit(['verify'], good.deps)).toBe(0);
    expect(good.out).toEqual(['audit chain intact: 3 record(s) checked']);
    await tamper((es) => es.filter((_, i) => i !== 0));
    const bad = io();
    expect(await runAudit(['verify'], bad.deps)).toBe(1);
    expect(bad.out[0]).toMatch(/^audit chain BROKEN: 1 problem/);
    expect(bad.out[1]).toMatch(/^removed \(seq 1/);
  });

  it('runAudit export writes JSONL to stdout or a file, honouring --since', async () => {
    await appendMany(3);
    const stdout = io();
    expect(await runAudit(['export'], stdout.deps)).toBe(0);
    expect(stdout.out.map((l) => (JSON.parse(l) as AuditRecord).seq)).toEqual([1, 2, 3]);

    const dir = await mkdtemp(join(tmpdir(), 'shipmate-audit-'));
    try {
      const file = join(dir, 'audit.jsonl');
      expect(await runAudit(['export', '--since', '24h', '--output', file], io().deps)).toBe(0);
      expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
      const future = io();
      expect(await runAudit(['export', '--since=2999-01-01T00:00:00Z'], future.deps)).toBe(0);
      expect(future.out).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const usage = io();
    expect(await runAudit(['export', '--since', 'yesterday'], usage.deps)).toBe(2);
    expect(await runAudit(['frobnicate'], io().deps)).toBe(2);
  });
});
