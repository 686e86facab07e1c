import { createHmac } from 'node:crypto';

/** What happened to a request (or an alert scan), as one audit line. */
export type AuditAction =
  | 'requested'
  | 'plan'
  | 'approved'
  | 'denied'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'interrupted'
  // Alert scans and other producers add their own verbs.
  | (string & {});

export interface AuditEvent {
  requestId: string;
  actor: string;
  action: AuditAction;
  command: string;
  /** Human form of the target, e.g. `deployment/api-service in prod-eu/shop`. */
  target: string;
  fingerprint?: string;
  decision?: string;
  result?: string;
  detail?: string;
}

/** An event as stored: numbered and chained to its predecessor. */
export interface AuditRecord {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
  event: AuditEvent;
}

/** The prevHash of record 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys and no undefined values, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The secret that keys the chain (SHIPMATE_AUDIT_KEY). It never goes to Redis, so someone who can
 * write to Redis cannot recompute a record's hash after changing it.
 */
export type AuditKey = Buffer;

/** HMAC-SHA256 of the record's canonical JSON under the audit key, as hex. */
export function hashRecord(parts: Omit<AuditRecord, 'hash'>, key: AuditKey): string {
  const body = canonicalJson({ seq: parts.seq, at: parts.at, prevHash: parts.prevHash, event: parts.event });
  return createHmac('sha256', key).update(body).digest('hex');
}
