import type { Invocation } from '../core/invocation.js';
import type { Scope } from '../core/operation.js';
import type { ShipmateConfig } from '../config/types.js';
import { UsageError } from './usage-error.js';
import { closest } from './suggest.js';

export type ScopeResult = { ok: true; scope: Scope | null } | { ok: false; error: UsageError };

function appOf(invocation: Invocation): { name: string; required: boolean } | null {
  if ('app' in invocation) return { name: invocation.app, required: true };
  if (invocation.command === 'logs' || invocation.command === 'debug') return { name: invocation.target, required: false };
  return null;
}

function unknown(kind: string, name: string, known: string[]): UsageError {
  const near = closest(name, known);
  return new UsageError(`unknown ${kind} "${name}"; known ${kind}s: ${known.join(', ') || '(none)'}`, near);
}

/**
 * Where an invocation runs: env → cluster and namespace, app → workload. `null` for commands that
 * are not tied to an environment (help, cancel, jobs without env). Errors when the configuration
 * no longer has the env or app (e.g. a stored request after a config change).
 */
export function resolveScope(invocation: Invocation, config: ShipmateConfig): ScopeResult {
  if (!('env' in invocation) || invocation.env === undefined) return { ok: true, scope: null };
  const { env } = invocation;
  const environment = Object.hasOwn(config.environments, env) ? config.environments[env] : undefined;
  if (!environment) return { ok: false, error: unknown('environment', env, Object.keys(config.environments)) };
  if (!Object.hasOwn(config.clusters, environment.cluster)) {
    return { ok: false, error: new UsageError(`environment ${env} points at unknown cluster "${environment.cluster}"; check the configuration`) };
  }
  const scope: Scope = { env, cluster: environment.cluster, namespace: environment.namespace };
  const app = appOf(invocation);
  if (app) {
    const cfg = Object.hasOwn(config.apps, app.name) ? config.apps[app.name] : undefined;
    if (cfg) {
      scope.app = app.name;
      scope.workload = { kind: cfg.workload.kind, name: cfg.workload.name };
    } else if (app.required) {
      return { ok: false, error: unknown('app', app.name, Object.keys(config.apps)) };
    }
  }
  return { ok: true, scope };
}
