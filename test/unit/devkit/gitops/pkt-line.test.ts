import { describe, expect, it } from 'vitest';
import { parseReceiveRequest, parseReportStatus } from '../../../../devkit/git-server/pkt-line.js';

const pkt = (s: string | Buffer): Buffer => {
  const body = typeof s === 'string' ? Buffer.from(s) : s;
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
};
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

describe('git pkt-line reading for the push log', () => {
  it('reads ref updates and capabilities, ignoring the packfile after the flush', () => {
    const body = Buffer.concat([pkt(`${A} ${B} refs/heads/main\0report-status side-band-64k agent=git/2.39\n`), pkt(`${Z} ${A} refs/heads/feature\n`), Buffer.from('0000PACK...')]);
    expect(parseReceiveRequest(body)).toEqual({
      commands: [
        { old: A, new: B, ref: 'refs/heads/main' },
        { old: Z, new: A, ref: 'refs/heads/feature' },
      ],
      capabilities: ['report-status', 'side-band-64k', 'agent=git/2.39'],
    });
  });

  it('reads ok/ng verdicts, plain or multiplexed on side-band 1', () => {
    const report = Buffer.concat([pkt('unpack ok\n'), pkt('ok refs/heads/feature\n'), pkt('ng refs/heads/main non-fast-forward\n'), Buffer.from('0000')]);
    const expected = new Map([
      ['refs/heads/feature', null],
      ['refs/heads/main', 'non-fast-forward'],
    ]);
    expect(parseReportStatus(report, false)).toEqual(expected);
    const banded = Buffer.concat([pkt(Buffer.concat([Buffer.from([2]), Buffer.from('progress\n')])), pkt(Buffer.concat([Buffer.from([1]), report])), Buffer.from('0000')]);
    expect(parseReportStatus(banded, true)).toEqual(expected);
  });
});
