import type { Logger } from 'pino';
import { ShipmateError } from '../core/errors.js';

/** A readiness check: resolves when healthy, throws (or times out) when not. */
export type HealthCheck = () => Promise<void>;

export interface ProbeResult {
  status: 200 | 503;
  body: ProbeBody;
}

export interface ProbeBody {
  status: 'ok' | 'draining' | 'failing' | 'stopping';
  /** Per check: 'ok' or a short reason that is safe to show anyone who can reach the port. */
  checks?: Record<string, string>;
  /** Per cluster, informational: an unreachable cluster does not make the process unready. */
  clusters?: Record<string, string>;
}

export interface Health {
  /** /healthz: the process is alive. Stays 200 while draining so the kubelet does not kill a drain. */
  liveness(): ProbeResult;
  /** /readyz: every check passes. 503 naming the failing checks, or while shutting down. */
  readiness(): Promise<ProbeResult>;
  /**
   * `draining` (SIGTERM): readiness turns 503 so traffic moves away while jobs finish.
   * `hard` (drain gave up or a fatal error): liveness turns 503 as well.
   */
  setShuttingDown(mode?: 'draining' | 'hard'): void;
}

export interface CreateHealthOptions {
  checks: Record<string, HealthCheck>;
  /**
   * Reported in the readiness body but never failing it: one unreachable cluster must not take
   * the bot (and every other cluster's requests) out of service.
   */
  clusters?: () => Record<string, string>;
  logger: Logger;
  /** A check slower than this counts as failed; keep it below the probe's timeoutSeconds. */
  checkTimeoutMs?: number;
}

/**
 * Liveness and readiness for the kubelet. Probe bodies are visible to anything that reaches the
 * pod, so a failing check reports only a short, fixed-vocabulary reason; the real error goes to
 * the log (where pino's redact rules apply).
 */
export function createHealth(options: CreateHealthOptions): Health {
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  let shutdown: 'draining' | 'hard' | undefined;

  async function runCheck(name: string, check: HealthCheck): Promise<[string, string]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CheckTimeout(timeoutMs)), timeoutMs);
    });
    try {
      await Promise.race([check(), timeout]);
      return [name, 'ok'];
    } catch (err) {
      options.logger.warn({ err, check: name }, 'readiness check failed');
      return [name, safeReason(err)];
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    liveness: () =>
      shutdown === 'hard' ? { status: 503, body: { status: 'stopping' } } : { status: 200, body: { status: 'ok' } },
    async readiness() {
      if (shutdown) return { status: 503, body: { status: shutdown === 'hard' ? 'stopping' : 'draining' } };
      const results = await Promise.all(Object.entries(options.checks).map(([n, c]) => runCheck(n, c)));
      const checks = Object.fromEntries(results);
      const ok = results.every(([, r]) => r === 'ok');
      const clusters = options.clusters ? { clusters: options.clusters() } : {};
      return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'failing', checks, ...clusters } };
    },
    setShuttingDown(mode = 'draining') {
      // Never step back from hard to draining.
      if (shutdown !== 'hard') shutdown = mode;
    },
  };
}

class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`check timed out after ${ms} ms`);
  }
}

/** Error codes like ECONNREFUSED are safe to show; free-form messages may embed URLs with passwords. */
function safeReason(err: unknown): string {
  if (err instanceof CheckTimeout) return `timed out after ${err.ms} ms`;
  if (err instanceof ShipmateError) return `failed: ${err.userMessage}`;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return `failed: ${code}`;
  return 'failed';
}

/** A check that passes once `markReady()` was called: for "config loaded" and "workers started". */
export function readinessFlag(notReadyMessage: string): { markReady(): void; check: HealthCheck } {
  let ready = false;
  return {
    markReady: () => {
      ready = true;
    },
    check: async () => {
      if (!ready) throw new ShipmateError('unavailable', notReadyMessage);
    },
  };
}

/** Redis PING as a check, typed structurally so observability/ needs no ioredis import. */
export function redisPingCheck(redis: { ping(): Promise<string> }): HealthCheck {
  return async () => {
    const answer = await redis.ping();
    if (answer !== 'PONG') throw new ShipmateError('unavailable', 'unexpected PING answer');
  };
}
