import type { Logger } from 'pino';
import { apiStatusCode } from './api-errors.js';
import type { ClusterRegistry } from './cluster-registry.js';

/** What Shipmate last learned about a cluster's API server. */
export type Reachability = { state: 'reachable' } | { state: 'unknown' } | { state: 'unreachable'; reason: string; since: string };

export interface ClusterReachability {
  /** The latest probe's answer; `unknown` before the first one and once it is older than the TTL. */
  of(cluster: string): Reachability;
  /** Per cluster, for /readyz: `reachable`, `unknown` or `unreachable: <reason>`. */
  snapshot(): Record<string, string>;
  /** Probes every cluster once; resolves when all answered or timed out. */
  refresh(): Promise<void>;
  /** Probes every cluster now and then every `intervalMs`, in the background. */
  start(): void;
  stop(): void;
}

export interface ClusterReachabilityOptions {
  registry: ClusterRegistry;
  logger: Logger;
  /** Default 15 s. */
  intervalMs?: number;
  /** Per probe; default 5 s. */
  timeoutMs?: number;
  /** A result older than this counts as unknown; default three intervals. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  at: number;
  result: Reachability;
}

/**
 * Keeps a short-lived reachability state per cluster with a cheap `GET /version` in the
 * background, so the ack path can refuse requests for a cluster that does not answer without
 * doing cluster I/O itself. Any HTTP answer below 500 counts as reachable: the server is there.
 */
export function createClusterReachability(options: ClusterReachabilityOptions): ClusterReachability {
  const intervalMs = options.intervalMs ?? 15_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const ttlMs = options.ttlMs ?? 3 * intervalMs;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;

  async function probe(cluster: string): Promise<void> {
    const result = await probeOnce(options.registry, cluster, timeoutMs, new Date(now()).toISOString());
    const previous = entries.get(cluster)?.result;
    if (result.state === 'unreachable' && previous?.state === 'unreachable') result.since = previous.since;
    if (result.state !== previous?.state) {
      // Losing a cluster is worth a warning; finding one (at start-up, or again) is not.
      const level = result.state === 'unreachable' ? 'warn' : 'info';
      options.logger[level]({ cluster, reachability: result }, 'cluster reachability changed');
    }
    entries.set(cluster, { at: now(), result });
  }

  async function round(): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      await Promise.all(options.registry.names().map((c) => probe(c)));
    } finally {
      inFlight = false;
    }
  }

  const of = (cluster: string): Reachability => {
    const e = entries.get(cluster);
    return e && now() - e.at <= ttlMs ? e.result : { state: 'unknown' };
  };

  return {
    of,
    snapshot: () =>
      Object.fromEntries(
        options.registry.names().map((c) => {
          const r = of(c);
          return [c, r.state === 'unreachable' ? `unreachable: ${r.reason} (since ${r.since})` : r.state];
        }),
      ),
    refresh: round,
    start() {
      if (timer) return;
      void round();
      timer = setInterval(() => void round(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

async function probeOnce(registry: ClusterRegistry, cluster: string, timeoutMs: number, since: string): Promise<Reachability> {
  try {
    await registry.clients(cluster).request({ method: 'GET', path: '/version', signal: AbortSignal.timeout(timeoutMs) });
    return { state: 'reachable' };
  } catch (err) {
    const status = apiStatusCode(err);
    if (status !== undefined) return status >= 500 ? { state: 'unreachable', reason: `HTTP ${status}`, since } : { state: 'reachable' };
    return { state: 'unreachable', reason: transportReason(err, timeoutMs), since };
  }
}

/** A short, fixed-vocabulary reason (an errno such as ECONNREFUSED): it is shown on /readyz. */
function transportReason(err: unknown, timeoutMs: number): string {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
    for (const key of ['code', 'errno'] as const) {
      const v = (e as Record<string, unknown>)[key];
      if (typeof v === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(v)) return v;
    }
  }
  return 'connection failed';
}
