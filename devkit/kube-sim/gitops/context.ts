import type { ClusterApi } from '../api.js';
import type { ResourceType } from '../resources.js';
import type { KubeObject } from '../types.js';
import { clone, nowIso } from '../types.js';
import type { GitCache } from './git-cache.js';
import type { Tools } from './render.js';

/** Time knobs of the simulated GitOps controllers (milliseconds, already scaled). */
export interface GitOpsTiming {
  /** Argo CD `--self-heal-timeout-seconds`: how long drift stands before self-heal syncs. */
  selfHealMs: number;
  /** Argo CD `timeout.reconciliation`: how often each Application re-reads Git. */
  appResyncMs: number;
  /** Multiplies Flux `spec.interval` / `spec.retryInterval`. */
  fluxIntervalScale: number;
  /** Coalescing delay after a managed object changes (a watch event's latency). */
  eventDelayMs: number;
}

/** What every simulated GitOps controller of one cluster shares. */
export interface GitOpsContext {
  api: ClusterApi;
  cache: GitCache;
  tools: Tools;
  /** Scratch space (helm homes, values files) under the simulation's temp dir. */
  scratch: string;
  timing: GitOpsTiming;
  /** Tell kube-sim's own controllers that something was written (deployments roll at once). */
  kick(): void;
  onError(controller: string, key: string, err: unknown): void;
}

export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function now(): string {
  return nowIso();
}

/**
 * Read-modify-write of one custom resource in a single synchronous step (no await between the
 * read and the write, so nothing interleaves). Returns the stored object, or undefined if gone.
 */
export function modify(ctx: GitOpsContext, type: ResourceType, key: string, fn: (obj: KubeObject) => void, subresource: 'status' | 'all' = 'all'): KubeObject | undefined {
  const { namespace, name } = splitKey(key);
  const cur = ctx.api.store.get(type, namespace, name);
  if (!cur) return undefined;
  const next = clone(cur);
  fn(next);
  return ctx.api.update(type, next, { subresource });
}

/** Parse a Go duration as Flux writes them ("1m", "30s", "1h30m", "500ms"); milliseconds. */
export function goDurationMs(text: unknown, fallbackMs: number): number {
  if (typeof text !== 'string' || !text) return fallbackMs;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let seen = '';
  for (const m of text.matchAll(re)) {
    const n = Number(m[1]);
    total += n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'] ?? 0);
    seen += m[0];
  }
  return seen === text && total > 0 ? total : fallbackMs;
}
