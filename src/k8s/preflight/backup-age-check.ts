import type { KObject } from '../objects/k8s-object.js';
import { backupStatus } from '../objects/velero.js';
import { warning, type CheckResult } from './check-result.js';

export const MAX_BACKUP_AGE_MS = 24 * 3_600_000;

interface BackupSpec {
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
}

/** Velero's reading: no included namespaces (or `*`) means all of them, minus the excluded ones. */
export function backupIncludes(backup: KObject, namespace: string): boolean {
  const spec = (backup['spec'] ?? {}) as BackupSpec;
  const included = spec.includedNamespaces ?? [];
  const all = included.length === 0 || included.includes('*');
  return (all || included.includes(namespace)) && !(spec.excludedNamespaces ?? []).includes(namespace);
}

const finishedAt = (b: KObject): number => Date.parse(backupStatus(b).completionTimestamp ?? b.metadata?.creationTimestamp ?? '') || 0;

export function formatAge(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${hours} h`;
  return `${Math.max(0, Math.floor(ms / 60_000))} min`;
}

export interface BackupAgeInput {
  namespace: string;
  /** Undefined when Velero is not installed; then `missing` says why. */
  backups: readonly KObject[] | undefined;
  missing?: string;
  now: Date;
  maxAgeMs?: number;
}

/** The newest Completed Velero backup that includes the namespace, and whether it is recent enough. */
export function checkBackupAge(input: BackupAgeInput): CheckResult {
  const title = 'Last backup';
  if (!input.backups) return { title, findings: [], notes: [], skipped: `${input.missing ?? 'Velero is not installed'}; backup age not checked` };
  const newest = input.backups
    .filter((b) => backupStatus(b).phase === 'Completed' && backupIncludes(b, input.namespace))
    .sort((a, b) => finishedAt(b) - finishedAt(a))[0];
  if (!newest) {
    return { title, findings: [warning(`no completed Velero backup includes namespace ${input.namespace}: take one (/k8s backup) before upgrading`)], notes: [] };
  }
  const age = input.now.getTime() - finishedAt(newest);
  const name = newest.metadata?.name ?? '?';
  const maxAge = input.maxAgeMs ?? MAX_BACKUP_AGE_MS;
  if (age > maxAge) {
    return { title, findings: [warning(`the newest completed backup of ${input.namespace} (${name}) is ${formatAge(age)} old, more than ${formatAge(maxAge)}`)], notes: [] };
  }
  return { title, findings: [], notes: [`newest completed backup of ${input.namespace}: ${name}, ${formatAge(age)} old`] };
}
