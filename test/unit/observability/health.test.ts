import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ShipmateError } from '../../../src/core/errors.js';
import { createHealth, readinessFlag, redisPingCheck } from '../../../src/observability/health.js';

const silent = pino({ level: 'silent' });

describe('createHealth', () => {
  it('is ready when every check passes', async () => {
    const workers = readinessFlag('workers not started');
    workers.markReady();
    const health = createHealth({
      checks: { redis: redisPingCheck({ ping: async () => 'PONG' }), workers: workers.check },
      logger: silent,
    });
    expect(health.liveness()).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await health.readiness()).toEqual({
      status: 200,
      body: { status: 'ok', checks: { redis: 'ok', workers: 'ok' } },
    });
  });

  it('lists clusters in the body without letting an unreachable one fail readiness', async () => {
    const health = createHealth({
      checks: { workers: async () => {} },
      clusters: () => ({ prod: 'reachable', 'prod-eu': 'unreachable: ECONNREFUSED (since 2026-11-30T10:00:00.000Z)' }),
      logger: silent,
    });
    expect(await health.readiness()).toEqual({
      status: 200,
      body: { status: 'ok', checks: { workers: 'ok' }, clusters: { prod: 'reachable', 'prod-eu': 'unreachable: ECONNREFUSED (since 2026-11-30T10:00:00.000Z)' } },
    });
  });

  it('answers 503 naming the failing check, without the error text', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const workers = readinessFlag('workers not started');
    const health = createHealth({
      checks: {
        redis: async () => {
          throw Object.assign(new Error('connect redis://:hunter2@redis:6379 refused'), { code: 'ECONNREFUSED' });
        },
        config: async () => {},
        workers: workers.check,
      },
      logger,
    });
    const r = await health.readiness();
    expect(r.status).toBe(503);
    expect(r.body).toEqual({
      status: 'failing',
      checks: { redis: 'failed: ECONNREFUSED', config: 'ok', workers: 'failed: workers not started' },
    });
    expect(JSON.stringify(r.body)).not.toContain('hunter2');
    // The operator still finds the detail in the log.
    expect(lines.join('')).toContain('"check":"redis"');
    // Liveness does not depend on dependencies: a Redis outage must not restart every pod.
    expect(health.liveness().status).toBe(200);
  });

  it('fails a check that hangs past the timeout', async () => {
    const health = createHealth({
      checks: { redis: () => new Promise<void>(() => {}) },
      logger: silent,
      checkTimeoutMs: 5,
    });
    expect(await health.readiness()).toEqual({
      status: 503,
      body: { status: 'failing', checks: { redis: 'timed out after 5 ms' } },
    });
  });

  it('turns unready while draining and unhealthy only when shutting down hard', async () => {
    const health = createHealth({ checks: { config: async () => {} }, logger: silent });
    health.setShuttingDown();
    expect(await health.readiness()).toEqual({ status: 503, body: { status: 'draining' } });
    expect(health.liveness().status).toBe(200);
    health.setShuttingDown('hard');
    health.setShuttingDown('draining');
    expect(health.liveness()).toEqual({ status: 503, body: { status: 'stopping' } });
    expect((await health.readiness()).status).toBe(503);
  });

  it('reports a wrong PING answer and ShipmateError user messages', async () => {
    const health = createHealth({
      checks: {
        redis: redisPingCheck({ ping: async () => 'LOADING' }),
        cluster: async () => {
          throw new ShipmateError('unavailable', 'cluster registry not built');
        },
      },
      logger: silent,
    });
    expect((await health.readiness()).body.checks).toEqual({
      redis: 'failed: unexpected PING answer',
      cluster: 'failed: cluster registry not built',
    });
  });
});
