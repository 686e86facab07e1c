import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashRecord, type AuditRecord } from '../../../src/audit/audit-record.js';
import { verifyChain } from '../../../src/audit/audit-verify.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';

function chain(count: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const parts = { seq, at: `2026-11-01T00:00:0${seq % 10}.000Z`, prevHash, event: { requestId: `R-${seq}`, actor: 'U1', action: 'plan', command: 'rollback', target: 't' } };
    const rec = { ...parts, hash: hashRecord(parts, TEST_AUDIT_KEY) };
    out.push(rec);
    prevHash = rec.hash;
  }
  return out;
}

const entries = (recs: AuditRecord[]) => recs.map((record, i) => ({ id: `${i + 1}-0`, record }));
const headOf = (recs: AuditRecord[]) => ({ seq: recs.at(-1)!.seq, hash: recs.at(-1)!.hash });

describe('canonicalJson', () => {
  it('is independent of key order and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe(canonicalJson({ a: { d: [1, 'x'] }, b: 1 }));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty log', () => {
    const recs = chain(5);
    expect(verifyChain(entries(recs), headOf(recs), TEST_AUDIT_KEY)).toEqual({ ok: true, checked: 5, problems: [] });
    expect(verifyChain([], null, TEST_AUDIT_KEY).ok).toBe(true);
  });

  it('flags a rewritten record even when its hash was recomputed', () => {
    const recs = chain(4);
    const forged = { ...recs[1]!, event: { ...recs[1]!.event, actor: 'U_EVIL' } };
    recs[1] = { ...forged, hash: hashRecord(forged, TEST_AUDIT_KEY) };
    const problems = verifyChain(entries(recs), headOf(recs), TEST_AUDIT_KEY).problems;
    expect(problems).toEqual([expect.objectContaining({ kind: 'edited', seq: 3 })]);
  });

  it('flags a missing head while records exist', () => {
    expect(verifyChain(entries(chain(2)), null, TEST_AUDIT_KEY).problems.map((p) => p.kind)).toEqual(['truncated']);
  });

  it('never passes a chain with any single record removed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), (len, pick) => {
        const recs = chain(len);
        const head = headOf(recs);
        recs.splice(pick % len, 1);
        expect(verifyChain(entries(recs), head, TEST_AUDIT_KEY).ok).toBe(false);
      }),
    );
  });

  it('never passes a chain with two records swapped (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.nat(), (len, a, b) => {
        const recs = chain(len);
        const [i, j] = [a % len, b % len];
        fc.pre(i !== j);
        [recs[i], recs[j]] = [recs[j]!, recs[i]!];
        expect(verifyChain(entries(recs), headOf(chain(len)), TEST_AUDIT_KEY).problems.map((p) => p.kind)).toContain('reordered');
      }),
    );
  });
});
