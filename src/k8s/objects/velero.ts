import { CancelledError, NotFoundError } from '../../core/errors.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import type { KObject } from './k8s-object.js';
import { FIELD_MANAGER, kubeCall, listAll } from '../client/kube-call.js';

/** Where Velero runs and keeps its Backup objects (the namespace its install guide uses). */
export const VELERO_NAMESPACE = 'velero';
/** Velero's own default retention: 30 days. */
export const BACKUP_TTL = '720h0m0s';
export const TERMINAL_PHASES = new Set(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);

const GROUP_VERSION = '/apis/velero.io/v1';

export function backupsPath(name?: string): string {
  const base = `${GROUP_VERSION}/namespaces/${VELERO_NAMESPACE}/backups`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

const sig = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

/**
 * Why Velero cannot take a backup here, or undefined when its API and namespace exist. Discovery
 * (readable by every authenticated user) avoids needing RBAC on CustomResourceDefinitions.
 */
export async function veleroMissing(clients: ClusterClients, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const list = await kubeCall<{ resources?: { name?: string }[] }>(clients, { method: 'GET', path: GROUP_VERSION, ...sig(signal) });
    if (!(list.resources ?? []).some((r) => r.name === 'backups')) return 'Velero is not installed: the velero.io/v1 API serves no backups';
  } catch (err) {
    if (err instanceof NotFoundError) return 'Velero is not installed: the cluster has no velero.io API (CRDs missing)';
    throw err;
  }
  try {
    await kubeCall(clients, { method: 'GET', path: `/api/v1/namespaces/${VELERO_NAMESPACE}`, ...sig(signal) });
  } catch (err) {
    if (err instanceof NotFoundError) return `Velero is not installed: namespace ${VELERO_NAMESPACE} does not exist`;
    throw err;
  }
  return undefined;
}

export interface StorageLocation {
  name: string;
  /** uid + generation: Velero rewrites status every validation cycle, which must not void an approval. */
  fingerprint: string;
}

/** The BackupStorageLocation Velero uses when none is named: the one marked default, else `default`. */
export async function defaultStorageLocation(clients: ClusterClients, signal?: AbortSignal): Promise<StorageLocation | undefined> {
  const all = await listAll(clients, `${GROUP_VERSION}/namespaces/${VELERO_NAMESPACE}/backupstoragelocations`, {}, signal);
  const marked = all.find((l) => (l['spec'] as { default?: boolean } | undefined)?.default === true);
  const chosen = marked ?? all.find((l) => l.metadata?.name === 'default');
  if (!chosen?.metadata?.name) return undefined;
  const m = chosen.metadata;
  return { name: m.name ?? '', fingerprint: `${m.uid ?? ''}/g${m.generation ?? m.resourceVersion ?? ''}` };
}

const STAMP_LENGTH = 14;
const SUFFIX_LENGTH = 5;

/** `shipmate-<env>`: the prefix of an environment's backups, cut so the rest of the name still fits. */
export function backupSeries(env: string): string {
  const room = 63 - 'shipmate-'.length - (1 + STAMP_LENGTH) - (1 + SUFFIX_LENGTH) - 1;
  const safeEnv = env.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, room).replace(/-+$/, '');
  return safeEnv ? `shipmate-${safeEnv}` : 'shipmate';
}

/**
 * `shipmate-<env>-<yyyymmddhhmmss>-<request>` (UTC time, the tail of the request id): a valid
 * DNS-1123 label (Velero labels objects with it), and two requests planned in the same second of
 * the same environment do not collide.
 */
export function backupName(env: string, now: Date, requestId: string): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, STAMP_LENGTH);
  const suffix = requestId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(-SUFFIX_LENGTH) || 'x';
  return `${backupSeries(env)}-${stamp}-${suffix}`;
}

export interface BackupRequest {
  name: string;
  namespaces: string[];
  storageLocation?: string;
  requestId: string;
  requester: string;
  env: string;
}

export const REQUEST_ID_LABEL = 'shipmate.io/request-id';

/** The Backup object as Velero's CLI would create it, labelled with the Shipmate request that asked. */
export function buildBackup(req: BackupRequest): KObject {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name: req.name,
      namespace: VELERO_NAMESPACE,
      labels: { 'app.kubernetes.io/managed-by': 'shipmate', [REQUEST_ID_LABEL]: req.requestId },
      annotations: { 'shipmate.io/requested-by': req.requester, 'shipmate.io/environment': req.env },
    },
    spec: {
      includedNamespaces: req.namespaces,
      ttl: BACKUP_TTL,
      ...(req.storageLocation ? { storageLocation: req.storageLocation } : {}),
      snapshotVolumes: false,
    },
  };
}

export async function createBackup(clients: ClusterClients, backup: KObject, opts: { dryRun: boolean; signal?: AbortSignal; warnings?: string[] }): Promise<KObject> {
  return kubeCall(clients, {
    method: 'POST',
    path: backupsPath(),
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
    body: backup,
    ...sig(opts.signal),
    ...(opts.warnings ? { warnings: opts.warnings } : {}),
  });
}

export async function getBackup(clients: ClusterClients, name: string, signal?: AbortSignal): Promise<KObject> {
  return kubeCall(clients, { method: 'GET', path: backupsPath(name), ...sig(signal) });
}

export async function listBackups(clients: ClusterClients, signal?: AbortSignal): Promise<KObject[]> {
  return listAll(clients, backupsPath(), {}, signal);
}

export interface BackupStatus {
  phase: string;
  itemsBackedUp?: number;
  totalItems?: number;
  errors: number;
  warnings: number;
  validationErrors: string[];
  failureReason: string;
  completionTimestamp?: string;
}

export function backupStatus(backup: KObject): BackupStatus {
  const s = (backup['status'] ?? {}) as Record<string, unknown>;
  const progress = (s['progress'] ?? {}) as Record<string, unknown>;
  const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  return {
    phase: typeof s['phase'] === 'string' && s['phase'] !== '' ? s['phase'] : 'New',
    ...(n(progress['itemsBackedUp']) === undefined ? {} : { itemsBackedUp: n(progress['itemsBackedUp']) as number }),
    ...(n(progress['totalItems']) === undefined ? {} : { totalItems: n(progress['totalItems']) as number }),
    errors: n(s['errors']) ?? 0,
    warnings: n(s['warnings']) ?? 0,
    validationErrors: Array.isArray(s['validationErrors']) ? s['validationErrors'].map(String) : [],
    failureReason: typeof s['failureReason'] === 'string' ? s['failureReason'] : '',
    ...(typeof s['completionTimestamp'] === 'string' ? { completionTimestamp: s['completionTimestamp'] } : {}),
  };
}

export interface WaitForBackupOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Delay before re-opening a watch that ended with an error. */
  reopenDelayMs: number;
  onUpdate?: (status: BackupStatus) => void;
}

export type BackupWait = { done: true; status: BackupStatus } | { done: false; status: BackupStatus | undefined };

/**
 * Watches one Backup (by name) until Velero sets a terminal phase; resolves `done: false` at the
 * timeout, rejects with CancelledError when the signal aborts and NotFoundError if it is deleted.
 */
export function waitForBackup(clients: ClusterClients, name: string, options: WaitForBackupOptions): Promise<BackupWait> {
  return new Promise<BackupWait>((resolve, reject) => {
    const stop = new AbortController();
    let last: BackupStatus | undefined;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal.removeEventListener('abort', onAbort);
      stop.abort();
      fn();
    };
    const onAbort = (): void => finish(() => reject(new CancelledError(`cancelled while waiting for backup ${name}`)));
    const deadline = setTimeout(() => finish(() => resolve({ done: false, status: last })), options.timeoutMs);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });

    const onEvent = (type: string, object: Record<string, unknown>): void => {
      if (type === 'DELETED') return finish(() => reject(new NotFoundError(`backup ${name} was deleted before it finished`)));
      if (type !== 'ADDED' && type !== 'MODIFIED') return;
      const status = backupStatus(object as KObject);
      if (JSON.stringify(status) !== JSON.stringify(last)) options.onUpdate?.(status);
      last = status;
      if (TERMINAL_PHASES.has(status.phase)) finish(() => resolve({ done: true, status }));
    };
    const open = (): void => {
      if (settled) return;
      const again = (delay: number): void => {
        if (!settled) setTimeout(open, delay);
      };
      // The server ends watches after a while; re-open (which replays the current state) until settled.
      clients
        .watch(backupsPath(), { fieldSelector: `metadata.name=${name}` }, onEvent, (err) => again(err ? options.reopenDelayMs : 0), stop.signal)
        .catch(() => again(options.reopenDelayMs));
    };
    open();
  });
}
