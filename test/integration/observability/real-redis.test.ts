import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createHealth, readinessFlag, redisPingCheck } from '../../../src/observability/health.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { queueCountsSource } from '../../../src/observability/queue-source.js';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `test-observability-${process.pid}`;
const silent = pino({ level: 'silent' });

let redis: Redis;
let ops: Queue;
let notify: Queue;

beforeAll(async () => {
  redis = new Redis(url, { maxRetriesPerRequest: null });
  ops = new Queue('ops', { connection: redis, prefix });
  notify = new Queue('notify', { connection: redis, prefix });
  await ops.add('rollback', { n: 1 });
  await ops.add('scale', { n: 2 }, { delay: 60_000 });
  await notify.add('reply', { n: 3 });
});

afterAll(async () => {
  await ops.obliterate({ force: true });
  await notify.obliterate({ force: true });
  await ops.close();
  await notify.close();
  redis.disconnect();
});

describe('observability against real Redis and BullMQ', () => {
  it('exports BullMQ job counts as shipmate_queue_jobs on scrape', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.setQueueSource(queueCountsSource([ops, notify]));
    const first = (await metrics.render()).body;
    expect(first).toContain('shipmate_queue_jobs{queue="ops",state="waiting"} 1');
    expect(first).toContain('shipmate_queue_jobs{queue="ops",state="delayed"} 1');
    expect(first).toContain('shipmate_queue_jobs{queue="notify",state="waiting"} 1');
    expect(first).toContain('shipmate_queue_jobs{queue="notify",state="active"} 0');
    expect(first).toContain('shipmate_queue_source_up 1');

    // Counts are read at scrape time, not cached.
    await notify.add('reply', { n: 4 });
    expect((await metrics.render()).body).toContain('shipmate_queue_jobs{queue="notify",state="waiting"} 2');
  });

  it('is ready with a live Redis and names the check when Redis is unreachable', async () => {
    const workers = readinessFlag('workers not started');
    workers.markReady();
    const live = createHealth({ checks: { redis: redisPingCheck(redis), workers: workers.check }, logger: silent });
    expect(await live.readiness()).toEqual({ status: 200, body: { status: 'ok', checks: { redis: 'ok', workers: 'ok' } } });

    // Port 1 refuses connections; the URL carries a password that must not reach the probe body.
    const dead = new Redis('redis://:s3cret-pass@127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    try {
      const health = createHealth({ checks: { redis: redisPingCheck(dead), workers: workers.check }, logger: silent });
      const r = await health.readiness();
      expect(r.status).toBe(503);
      expect(r.body.status).toBe('failing');
      expect(r.body.checks?.['workers']).toBe('ok');
      expect(r.body.checks?.['redis']).toMatch(/^failed/);
      expect(JSON.stringify(r.body)).not.toContain('s3cret-pass');
    } finally {
      dead.disconnect();
    }
  });
});
