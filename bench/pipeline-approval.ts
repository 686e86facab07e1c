/**
 * Approval click → job running latency, in-process against real Redis: `approve()` returns once
 * the op job is enqueued; "running" is when the operation's execute() begins (after the CAS to
 * running, the target lock and the fingerprint re-read).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createAuditLog } from '../src/audit/audit-log.js';
import type { NotifierPort } from '../src/core/notifier.js';
import { registryOf, type Operation } from '../src/core/operation.js';
import { createPipeline } from '../src/jobs/pipeline.js';
import type { PipelinePolicy } from '../src/jobs/pipeline-policy.js';

const REQUESTS = 200;

const policy: PipelinePolicy = {
  approvalsRequired: () => 1,
  approvalTtlMs: () => 600_000,
  limits: () => ({ rolloutTimeoutMs: 60_000, minReplicas: 0, maxReplicas: 10, drainTimeoutMs: 60_000 }),
  checkApprove: ({ user, requester }) => (user === requester ? { rule: 'self', message: 'no self-approval' } : null),
};

const notifier: NotifierPort = {
  cardChanged: () => Promise.resolve(),
  threadReply: () => Promise.resolve(),
  threadFile: () => Promise.resolve(),
  channelMessage: () => Promise.resolve(),
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-approval-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const logger = pino({ level: 'silent' });
  const startedAt = new Map<string, number>();
  const op: Operation = {
    command: 'restart',
    mutates: true,
    target: (ctx) => ({ cluster: 'c1', namespace: 'shop', kind: 'Deployment', name: ctx.scope.app ?? 'x' }),
    plan: (ctx) =>
      Promise.resolve({
        target: op.target(ctx),
        summary: 'restart',
        diff: '',
        dryRun: { performed: false, ok: true, warnings: [] },
        fingerprint: 'fp',
        noop: false,
        facts: {},
      }),
    fingerprint: () => Promise.resolve('fp'),
    execute: (ctx) => {
      startedAt.set(ctx.requestId, performance.now());
      return Promise.resolve({ outcome: 'succeeded', summary: 'ok', sections: [], files: [], facts: {} });
    },
  };
  // A throwaway key: the bench never verifies the chain it writes.
  const audit = createAuditLog({ redis, key: `${prefix}:audit`, hmacKey: randomBytes(32), logger });
  const pipeline = createPipeline({ redis, connect: () => new Redis(url, { maxRetriesPerRequest: null }), prefix, operations: registryOf([op]), policy, notifier, audit, logger, worker: { concurrency: 8 } });
  await pipeline.start();
  try {
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const app = `app${i}`;
      const res = await pipeline.submit({ invocation: { command: 'restart', app, env: 'prod' }, text: `restart ${app} prod`, scope: { env: 'prod', cluster: 'c1', namespace: 'shop', app }, requester: 'U_REQ', channel: 'C1' });
      if ('rejected' in res) throw new Error(res.rejected);
      ids.push(res.request.id);
    }
    for (const id of ids) while ((await pipeline.get(id))?.state !== 'awaiting_approval') await new Promise((r) => setTimeout(r, 5));

    const clickedAt = new Map<string, number>();
    for (const id of ids) {
      clickedAt.set(id, performance.now());
      const res = await pipeline.approve(id, 'U_APPROVER', new Set());
      if (!res.ok) throw new Error(res.message);
    }
    while (startedAt.size < ids.length) await new Promise((r) => setTimeout(r, 10));
    const lat = ids.map((id) => startedAt.get(id)! - clickedAt.get(id)!).sort((a, b) => a - b);
    const fmt = (v: number) => `${v.toFixed(2)} ms`;
    console.log(`approval click → job running over ${REQUESTS} requests (sequential clicks, worker concurrency 8)`);
    console.log(`  p50 ${fmt(percentile(lat, 50))}  p90 ${fmt(percentile(lat, 90))}  p99 ${fmt(percentile(lat, 99))}  max ${fmt(lat.at(-1)!)}`);
  } finally {
    await pipeline.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
