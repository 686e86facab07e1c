import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ObservabilityRoute } from './routes.js';

export interface StartObservabilityServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Defaults to all interfaces: the kubelet probes the pod IP. */
  host?: string;
  routes: ObservabilityRoute[];
  logger: Logger;
}

export interface ObservabilityServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A tiny HTTP server for Socket Mode, where Bolt opens no port of its own. In HTTP mode pass the
 * routes to Bolt's `customRoutes` instead, so one port serves Slack and the probes.
 */
export async function startObservabilityServer(options: StartObservabilityServerOptions): Promise<ObservabilityServer> {
  const byPath = new Map(options.routes.map((r) => [r.path, r]));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const route = byPath.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    } else if (req.method !== route.method && !(req.method === 'HEAD' && route.method === 'GET')) {
      res.writeHead(405, { 'content-type': 'text/plain', allow: route.method }).end('method not allowed\n');
    } else {
      route.handler(req, res);
    }
  });
  // Probe connections are short; don't let an idle keep-alive hold up shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => options.logger.error({ err }, 'observability server error'));
  const { port } = server.address() as AddressInfo;
  options.logger.info({ port }, 'observability server listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
