import type { KubeObject, Obj } from '../types.js';
import { isObj } from '../types.js';
import type { ControllerEnv } from './env.js';

/** Set on a Backup to steer its outcome in tests: `Completed` (default), `PartiallyFailed` or `Failed`. */
export const BACKUP_OUTCOME_ANNOTATION = 'kube-sim.shipmate.io/backup-outcome';
const OUTCOMES = new Set(['Completed', 'PartiallyFailed', 'Failed']);
const TERMINAL = new Set(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Velero's duration strings (`720h0m0s`, `24h`, `90m`) in milliseconds. */
function ttlMs(ttl: unknown): number {
  const text = typeof ttl === 'string' && ttl ? ttl : '720h0m0s';
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000 }[m[2] as 'h' | 'm' | 's'];
  return ms || 720 * 3_600_000;
}

/** How many objects a backup of these namespaces holds (everything in them, plus the namespaces). */
function itemCount(env: ControllerEnv, namespaces: string[]): number {
  const all = namespaces.length === 0 || namespaces.includes('*');
  let n = 0;
  for (const t of env.api.registry.all()) {
    if (!t.namespaced) continue;
    for (const o of env.api.store.list(t)) if (all || namespaces.includes(o.metadata.namespace ?? '')) n++;
  }
  return n + (all ? env.list('v1', 'Namespace').length : namespaces.length);
}

function start(env: ControllerEnv, b: KubeObject, spec: Obj, now: number): Obj {
  const locationName = typeof spec.storageLocation === 'string' && spec.storageLocation ? spec.storageLocation : undefined;
  const bslType = env.api.registry.byKind('velero.io/v1', 'BackupStorageLocation');
  const locations = bslType ? env.api.store.list(bslType, b.metadata.namespace) : [];
  const location = locationName ? locations.find((l) => l.metadata.name === locationName) : (locations.find((l) => isObj(l.spec) && l.spec.default === true) ?? locations.find((l) => l.metadata.name === 'default'));
  if (!location) {
    const missing = locationName ? `an existing backup storage location wasn't specified at backup creation time and the default '${locationName}' wasn't found` : "an existing backup storage location wasn't specified at backup creation time and the server default 'default' doesn't exist";
    return { phase: 'FailedValidation', validationErrors: [missing], version: 1, formatVersion: '1.1.0', expiration: iso(now + ttlMs(spec.ttl)) };
  }
  const namespaces = Array.isArray(spec.includedNamespaces) ? spec.includedNamespaces.filter((n): n is string => typeof n === 'string') : [];
  return {
    phase: 'InProgress',
    version: 1,
    formatVersion: '1.1.0',
    startTimestamp: iso(now),
    expiration: iso(now + ttlMs(spec.ttl)),
    progress: { totalItems: itemCount(env, namespaces), itemsBackedUp: 0 },
  };
}

function advance(b: KubeObject, status: Obj, now: number, durationMs: number): Obj {
  const startedAt = Date.parse(String(status.startTimestamp ?? '')) || now;
  const progress = isObj(status.progress) ? status.progress : {};
  const total = typeof progress.totalItems === 'number' ? progress.totalItems : 0;
  const elapsed = now - startedAt;
  if (elapsed < durationMs) return { ...status, progress: { totalItems: total, itemsBackedUp: Math.floor((total * elapsed) / durationMs) } };
  const wanted = b.metadata.annotations?.[BACKUP_OUTCOME_ANNOTATION] ?? 'Completed';
  const outcome = OUTCOMES.has(wanted) ? wanted : 'Completed';
  const done = outcome === 'Failed' ? Math.floor(total / 2) : total;
  return {
    ...status,
    phase: outcome,
    completionTimestamp: iso(now),
    progress: { totalItems: total, itemsBackedUp: done },
    errors: outcome === 'Completed' ? 0 : 1,
    warnings: outcome === 'PartiallyFailed' ? 1 : 0,
    ...(outcome === 'Failed' ? { failureReason: 'simulated failure: error uploading backup to object storage' } : {}),
  };
}

/**
 * Velero's backup controller: a new Backup goes InProgress (items counted), its progress rises over
 * `4 × podReadyMs`, then it ends Completed, or as the outcome annotation says (test control).
 */
export function veleroController(env: ControllerEnv): boolean {
  const type = env.api.registry.byKind('velero.io/v1', 'Backup');
  if (!type) return false;
  const now = Date.now();
  const durationMs = env.timing.podReadyMs * 4;
  let pending = false;
  for (const b of env.api.store.list(type)) {
    const status = isObj(b.status) ? b.status : {};
    const phase = typeof status.phase === 'string' && status.phase ? status.phase : 'New';
    if (TERMINAL.has(phase) || b.metadata.deletionTimestamp) continue;
    const spec = isObj(b.spec) ? b.spec : {};
    const next = phase === 'New' ? start(env, b, spec, now) : advance(b, status, now, durationMs);
    if (JSON.stringify(next) !== JSON.stringify(b.status)) env.write({ ...b, status: next });
    if (!TERMINAL.has(String(next.phase))) {
      pending = true;
      env.wakeAt(now + Math.max(10, durationMs / 10));
    }
  }
  return pending;
}
