import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Health } from './health.js';
import type { Metrics } from './metrics.js';

/**
 * Structurally the same as Bolt's `CustomRoute` (`@slack/bolt` receivers/custom-routes), so the
 * array can be passed as `customRoutes` in HTTP mode without observability/ importing Slack.
 */
export interface ObservabilityRoute {
  path: string;
  method: 'GET';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface CreateObservabilityRoutesOptions {
  metrics: Metrics;
  health: Health;
}

export const HEALTHZ_PATH = '/healthz';
export const READYZ_PATH = '/readyz';
export const METRICS_PATH = '/metrics';

/** /healthz, /readyz and /metrics as plain Node handlers, for Bolt's receiver or our own server. */
export function createObservabilityRoutes(options: CreateObservabilityRoutesOptions): ObservabilityRoute[] {
  const { metrics, health } = options;
  return [
    {
      path: HEALTHZ_PATH,
      method: 'GET',
      handler: (_req, res) => {
        const { status, body } = health.liveness();
        send(res, status, 'application/json', JSON.stringify(body));
      },
    },
    {
      path: READYZ_PATH,
      method: 'GET',
      handler: (_req, res) => {
        respondAsync(res, async () => {
          const { status, body } = await health.readiness();
          return { status, contentType: 'application/json', body: JSON.stringify(body) };
        });
      },
    },
    {
      path: METRICS_PATH,
      method: 'GET',
      handler: (_req, res) => {
        respondAsync(res, async () => ({ status: 200, ...(await metrics.render()) }));
      },
    },
  ];
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

// Bolt's CustomRoute handlers return void, so the promise is settled here and never floats.
function respondAsync(
  res: ServerResponse,
  produce: () => Promise<{ status: number; contentType: string; body: string }>,
): void {
  produce().then(
    ({ status, contentType, body }) => send(res, status, contentType, body),
    () => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
      else res.end();
    },
  );
}
