import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { CustomRoute } from '@slack/bolt';
import { createHealth, readinessFlag } from '../../../src/observability/health.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { createObservabilityRoutes } from '../../../src/observability/routes.js';
import { startObservabilityServer, type ObservabilityServer } from '../../../src/observability/server.js';

const silent = pino({ level: 'silent' });
let server: ObservabilityServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const metrics = createMetrics({ processMetrics: false });
  const workers = readinessFlag('workers not started');
  const health = createHealth({ checks: { workers: workers.check }, logger: silent });
  const routes = createObservabilityRoutes({ metrics, health });
  server = await startObservabilityServer({ port: 0, host: '127.0.0.1', routes, logger: silent });
  const url = (path: string) => `http://127.0.0.1:${server?.port}${path}`;
  return { metrics, health, workers, routes, url };
}

describe('observability routes', () => {
  it('fit Bolt customRoutes as they are', async () => {
    const { routes } = await start();
    const asBolt: CustomRoute[] = routes;
    expect(asBolt.map((r) => `${String(r.method)} ${r.path}`)).toEqual(['GET /healthz', 'GET /readyz', 'GET /metrics']);
  });

  it('serve liveness, readiness and metrics over HTTP', async () => {
    const { metrics, health, workers, url } = await start();
    metrics.request('scale', 'accepted');

    const live = await fetch(url('/healthz'));
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const notReady = await fetch(url('/readyz'));
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'failing', checks: { workers: 'failed: workers not started' } });
    workers.markReady();
    expect((await fetch(url('/readyz?verbose'))).status).toBe(200);

    const scrape = await fetch(url('/metrics'));
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await scrape.text()).toContain('shipmate_requests_total{command="scale",outcome="accepted"} 1');

    health.setShuttingDown();
    const draining = await fetch(url('/readyz'));
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ status: 'draining' });
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    const { url } = await start();
    expect((await fetch(url('/nope'))).status).toBe(404);
    const post = await fetch(url('/metrics'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect((await fetch(url('/healthz'), { method: 'HEAD' })).status).toBe(200);
  });
});
