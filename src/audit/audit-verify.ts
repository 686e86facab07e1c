import { hashRecord, GENESIS_HASH, type AuditRecord } from './audit-record.js';

export type AuditProblemKind = 'edited' | 'removed' | 'reordered' | 'truncated';

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
export function verifyChain(entries: readonly StoredEntry[], head: AuditHead | null): AuditVerifyResult {
  const problems: AuditProblem[] = [];
  const records: { id: string; record: AuditRecord }[] = [];
  for (const { id, record } of entries) {
    if (!record) {
      problems.push({ id, kind: 'edited', message: `entry ${id} is not a valid audit record` });
      continue;
    }
    if (hashRecord(record) !== record.hash) {
      problems.push({ id, seq: record.seq, kind: 'edited', message: `record ${record.seq} does not match its hash` });
    }
    records.push({ id, record });
  }
  checkOrder(records, problems);
  checkLinks(records, problems);
  checkHead(records, head, problems);
  return { ok: problems.length === 0, checked: entries.length, problems };
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

function checkLinks(records: readonly { id: string; record: AuditRecord }[], problems: AuditProblem[]): void {
  const bySeq = [...records].sort((a, b) => a.record.seq - b.record.seq);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
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
