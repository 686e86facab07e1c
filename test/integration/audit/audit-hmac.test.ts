import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../../src/audit/audit-log.js';
import { canonicalJson, GENESIS_HASH, type AuditRecord } from '../../../src/audit/audit-record.js';
import type { AuditAnchor } from '../../../src/audit/audit-anchor.js';
import { runAudit } from '../../../src/cli/audit.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { deleteKeys } from '../../support/redis-keys.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const logger = pino({ level: 'silent' });
const prefix = `test-audit-hmac-${process.pid}-${Date.now().toString(36)}`;
let key: string;
let n = 0;
let posted: AuditAnchor[];

function logWith(hmacKey: Buffer): AuditLog {
  return createAuditLog({
    redis, key, hmacKey, logger,
    anchoring: { policy: { records: 4 }, post: (a) => Promise.resolve(void posted.push(a)) },
  });
}

async function appendMany(log: AuditLog, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await log.append({ requestId: `R-HMAC000${i % 10}`, actor: 'U1', action: 'requested', command: 'rollback', target: 'deployment/api in c1/shop' });
  }
}

/** What an attacker with only Redis access can do: rewrite every record and rechain with plain SHA-256. */
async function rewriteWholeChain(edit: (r: AuditRecord) => AuditRecord): Promise<void> {
  const raw = await redis.xrange(key, '-', '+');
  await redis.del(key);
  let prevHash = GENESIS_HASH;
  let last = { seq: 0, hash: GENESIS_HASH };
  for (const [id, fields] of raw) {
    const r = edit(JSON.parse(fields[1]!) as AuditRecord);
    const parts = { seq: r.seq, at: r.at, prevHash, event: r.event };
    const hash = createHash('sha256').update(canonicalJson(parts)).digest('hex');
    await redis.xadd(key, id, 'record', JSON.stringify({ ...parts, hash }));
    prevHash = hash;
    last = { seq: r.seq, hash };
  }
  await redis.set(`${key}:head`, JSON.stringify(last));
}

function cli(hmacKey: Buffer) {
  const out: string[] = [];
  const err: string[] = [];
  const deps = { auditLog: logWith(hmacKey), auditKey: hmacKey, source: key, out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
  return { out, err, run: (argv: string[]) => runAudit(argv, deps) };
}

beforeEach(() => {
  key = `${prefix}:audit-${++n}`;
  posted = [];
});

afterAll(async () => {
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

describe('audit chain keyed with SHIPMATE_AUDIT_KEY', () => {
  it('passes with the right key and fails with a wrong one, saying the key may be wrong', async () => {
    await appendMany(logWith(TEST_AUDIT_KEY), 5);
    expect((await logWith(TEST_AUDIT_KEY).verify()).ok).toBe(true);
    const wrong = cli(randomBytes(32));
    expect(await wrong.run(['verify'])).toBe(1);
    expect(wrong.out.join('\n')).toMatch(/key \(seq 1\): none of the 5 record\(s\) carries a valid HMAC under this SHIPMATE_AUDIT_KEY/);
  });

  it('catches a whole chain rewritten with recomputed plain hashes', async () => {
    await appendMany(logWith(TEST_AUDIT_KEY), 5);
    await rewriteWholeChain((r) => ({ ...r, event: { ...r.event, actor: 'U_EVIL' } }));
    const result = await logWith(TEST_AUDIT_KEY).verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toContain('key');
  });

  it('anchors every N records, posts them, exports them, and places a break after the last good anchor', async () => {
    await appendMany(logWith(TEST_AUDIT_KEY), 10);
    expect(posted.map((a) => [a.anchor, a.seq])).toEqual([[1, 4], [2, 8]]);
    const dir = await mkdtemp(join(tmpdir(), 'shipmate-audit-hmac-'));
    try {
      const file = join(dir, 'audit.jsonl');
      expect(await cli(TEST_AUDIT_KEY).run(['export', '--output', file])).toBe(0);
      const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.filter((l) => 'anchor' in l).map((l) => l['seq'])).toEqual([4, 8]);
      expect(lines.findIndex((l) => l['anchor'] === 1)).toBe(lines.findIndex((l) => l['seq'] === 4 && 'event' in l) + 1);

      const intact = cli(TEST_AUDIT_KEY);
      expect(await intact.run(['verify', '--file', file])).toBe(0);
      expect(intact.out).toEqual(['audit chain intact: 10 record(s) checked']);

      // Record 6 is edited in the export; its HMAC no longer matches.
      const edited = lines.map((l) => (l['seq'] === 6 && 'event' in l ? { ...l, event: { ...(l['event'] as object), actor: 'U_EVIL' } } : l));
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, edited.map((l) => JSON.stringify(l)).join('\n'));
      const broken = cli(TEST_AUDIT_KEY);
      expect(await broken.run(['verify', '--file', file])).toBe(1);
      expect(broken.out.at(-1)).toMatch(/^chain broken at seq 6, after anchor #1 \(seq 4, posted \d{4}-\d\d-\d\dT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('catches a chain cut back and rechained behind an anchor', async () => {
    await appendMany(logWith(TEST_AUDIT_KEY), 9);
    // Drop records 7–9 and move the head back: HMACs and links all still hold; only anchor #2 (seq 8) knows.
    const raw = await redis.xrange(key, '-', '+');
    for (const [id] of raw.slice(6)) await redis.xdel(key, id);
    const sixth = JSON.parse(raw[5]![1][1]!) as AuditRecord;
    await redis.set(`${key}:head`, JSON.stringify({ seq: 6, hash: sixth.hash }));
    const result = await logWith(TEST_AUDIT_KEY).verify();
    expect(result.problems.map((p) => p.kind)).toEqual(['anchor']);
    expect(result.where).toBe(`chain broken at seq 8, after anchor #1 (seq 4, posted ${posted[0]!.at})`);
  });

  it('with a duration policy, anchors at the first write after the interval has passed', async () => {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const log = createAuditLog({
      redis, key, hmacKey: TEST_AUDIT_KEY, logger, clock: () => new Date(now),
      anchoring: { policy: { intervalMs: 60_000 }, post: (a) => Promise.resolve(void posted.push(a)) },
    });
    await appendMany(log, 2);
    now += 30_000;
    await appendMany(log, 1);
    now += 31_000;
    await appendMany(log, 1);
    expect(posted.map((a) => [a.anchor, a.seq, a.at])).toEqual([[1, 1, '2026-11-30T12:00:00.000Z'], [2, 4, '2026-11-30T12:01:01.000Z']]);
    expect(await log.anchors()).toEqual(posted);
  });

  it('warns and exits 1 when the prefix holds no records, instead of calling it intact', async () => {
    const empty = cli(TEST_AUDIT_KEY);
    expect(await empty.run(['verify'])).toBe(1);
    expect(empty.out).toEqual([]);
    expect(empty.err.join('\n')).toMatch(/no audit records found in .*audit-\d+: nothing was verified/);
  });
});
