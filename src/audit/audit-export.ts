import { parseAnchor, type AuditAnchor } from './audit-anchor.js';
import type { AuditKey, AuditRecord } from './audit-record.js';
import { verifyChain, type AuditVerifyResult, type StoredEntry } from './audit-verify.js';

/**
 * JSONL lines of an export: records oldest first, each anchor right after the record it names.
 * Anchor lines are `{"anchor":n,"seq":…,"hash":…,"at":…}`; record lines are AuditRecords.
 */
export function exportLines(records: readonly AuditRecord[], anchors: readonly AuditAnchor[]): string[] {
  const bySeq = new Map<number, AuditAnchor[]>();
  for (const a of anchors) bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);
  return records.flatMap((r) => [JSON.stringify(r), ...(bySeq.get(r.seq) ?? []).map((a) => JSON.stringify(a))]);
}

/**
 * Verifies an export on its own: the HMAC chain of its records and every anchor inside its range.
 * An export taken with --since starts mid-chain, so its first link is taken as given.
 */
export function verifyExport(text: string, key: AuditKey): AuditVerifyResult {
  const entries: StoredEntry[] = [];
  const anchors: AuditAnchor[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const anchor = parseAnchor(line);
    if (anchor) anchors.push(anchor);
    else entries.push({ id: `line ${i + 1}`, record: parseRecord(line) });
  });
  return verifyChain(entries, null, key, { anchors, fromExport: true });
}

function parseRecord(line: string): AuditRecord | null {
  try {
    const r = JSON.parse(line) as AuditRecord;
    return typeof r.seq === 'number' && typeof r.hash === 'string' && typeof r.prevHash === 'string' && r.event ? r : null;
  } catch {
    return null;
  }
}
