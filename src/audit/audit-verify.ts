import { hashRecord, GENESIS_HASH, type AuditKey, type AuditRecord } from './audit-record.js';
import { describeBreak, type AuditAnchor } from './audit-anchor.js';

/** `key`: no record carries a valid HMAC (wrong key, or the whole chain rewritten). `anchor`: a record differs from its anchor. */
export type AuditProblemKind = 'edited' | 'removed' | 'reordered' | 'truncated' | 'key' | 'anchor';

export interface AuditProblem {
  seq?: number;
  id?: string;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  problems: AuditProblem[];
  /** When broken: where the first break falls relative to the anchors, e.g. "chain broken at seq 42, after anchor #3 (…)". */
  where?: string;
}

export interface VerifyOptions {
  /** Anchors taken outside Redis; each must match the record at its seq. */
  anchors?: readonly AuditAnchor[];
  /**
   * An export has no head to compare with, and may start mid-chain (`--since`): then its first
   * record's link is taken as given. Its anchors still catch a changed or cut tail.
   */
  fromExport?: boolean;
}

/** One stream entry as read back; `record` is null when the entry is not a parsable record. */
export interface StoredEntry {
  id: string;
  record: AuditRecord | null;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Checks a chain read back in stream order against the head written with the last append.
 * Each record's own hash catches edits; seq order catches reordering; gaps in the seq numbers and
 * broken prevHash links catch removals; a head ahead of the last record catches a cut tail.
 */
export function verifyChain(entries: readonly StoredEntry[], head: AuditHead | null, key: AuditKey, opts: VerifyOptions = {}): AuditVerifyResult {
  const problems: AuditProblem[] = [];
  const records: { id: string; record: AuditRecord }[] = [];
  const forged: AuditProblem[] = [];
  for (const { id, record } of entries) {
    if (!record) {
      problems.push({ id, kind: 'edited', message: `entry ${id} is not a valid audit record` });
      continue;
    }
    if (hashRecord(record, key) !== record.hash) {
      forged.push({ id, seq: record.seq, kind: 'edited', message: `record ${record.seq} does not match its HMAC` });
    }
    records.push({ id, record });
  }
  if (records.length > 0 && forged.length === records.length) {
    // Not one record verifies: listing each would hide the one thing worth saying.
    problems.push({
      seq: Math.min(...records.map((r) => r.record.seq)),
      kind: 'key',
      message: `none of the ${records.length} record(s) carries a valid HMAC under this SHIPMATE_AUDIT_KEY: either it is not the key the bot writes with, or the whole chain was rewritten`,
    });
  } else {
    problems.push(...forged);
  }
  checkOrder(records, problems);
  checkLinks(records, problems, opts.fromExport === true);
  if (!opts.fromExport) checkHead(records, head, problems);
  checkAnchors(records, opts.anchors ?? [], problems);
  const result: AuditVerifyResult = { ok: problems.length === 0, checked: entries.length, problems };
  const first = Math.min(...problems.map((p) => p.seq ?? Number.POSITIVE_INFINITY));
  if (Number.isFinite(first)) result.where = `chain broken at seq ${first}, ${describeBreak(first, opts.anchors ?? [])}`;
  return result;
}

function checkAnchors(records: readonly { id: string; record: AuditRecord }[], anchors: readonly AuditAnchor[], problems: AuditProblem[]): void {
  const bySeq = new Map(records.map((r) => [r.record.seq, r.record]));
  const firstSeq = Math.min(...records.map((r) => r.record.seq));
  for (const a of anchors) {
    const record = bySeq.get(a.seq);
    const label = `anchor #${a.anchor} (seq ${a.seq}, posted ${a.at})`;
    if (!record) {
      // A partial export may start after an anchor; only anchors inside the range are checked.
      if (a.seq >= firstSeq || records.length === 0) problems.push({ seq: a.seq, kind: 'anchor', message: `record ${a.seq} named by ${label} is missing` });
    } else if (record.hash !== a.hash) {
      problems.push({ seq: a.seq, kind: 'anchor', message: `record ${a.seq} differs from ${label}` });
    }
  }
}

function checkOrder(records: readonly { id: string; record: AuditRecord }[], problems: AuditProblem[]): void {
  for (let i = 1; i < records.length; i++) {
    const prev = records[i - 1]!.record;
    const cur = records[i]!;
    if (cur.record.seq <= prev.seq) {
      problems.push({
        id: cur.id,
        seq: cur.record.seq,
        kind: 'reordered',
        message: `record ${cur.record.seq} is stored after record ${prev.seq}`,
      });
    }
  }
}

function checkLinks(records: readonly { id: string; record: AuditRecord }[], problems: AuditProblem[], fromExport: boolean): void {
  const bySeq = [...records].sort((a, b) => a.record.seq - b.record.seq);
  const start = fromExport && (bySeq[0]?.record.seq ?? 1) > 1 ? bySeq[0]?.record : undefined;
  let expectedSeq = start?.seq ?? 1;
  let prevHash = start?.prevHash ?? GENESIS_HASH;
  for (const { id, record } of bySeq) {
    if (record.seq < expectedSeq) {
      problems.push({ id, seq: record.seq, kind: 'edited', message: `record ${record.seq} appears more than once` });
      continue;
    }
    if (record.seq > expectedSeq) {
      const range = record.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}–${record.seq - 1}`;
      problems.push({ id, seq: expectedSeq, kind: 'removed', message: `record(s) ${range} missing before ${record.seq}` });
    } else if (record.prevHash !== prevHash) {
      problems.push({
        id,
        seq: record.seq,
        kind: 'edited',
        message: `record ${record.seq} does not link to record ${record.seq - 1} (one of them was rewritten)`,
      });
    }
    expectedSeq = record.seq + 1;
    prevHash = record.hash;
  }
}

function checkHead(
  records: readonly { id: string; record: AuditRecord }[],
  head: AuditHead | null,
  problems: AuditProblem[],
): void {
  const last = records.reduce<AuditRecord | null>((m, r) => (m && m.seq >= r.record.seq ? m : r.record), null);
  if (!head) {
    if (last) problems.push({ kind: 'truncated', message: 'the chain head is missing while records exist' });
    return;
  }
  if (!last || last.seq < head.seq) {
    problems.push({
      seq: head.seq,
      kind: 'truncated',
      message: `the head says ${head.seq} records were written; the last one found is ${last?.seq ?? 'none'}`,
    });
  } else if (last.seq === head.seq && last.hash !== head.hash) {
    problems.push({ seq: last.seq, kind: 'edited', message: `record ${last.seq} differs from the one the head recorded` });
  } else if (last.seq > head.seq) {
    problems.push({ seq: last.seq, kind: 'edited', message: `record ${last.seq} was added behind the log's back` });
  }
}
