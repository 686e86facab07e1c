import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, findingLines, fitLines } from '../../../../src/k8s/scans/finding-lines.js';
import type { Finding } from '../../../../src/k8s/scans/finding.js';

const finding = (key: string, severity: Finding['severity'], summary: string): Finding => ({
  key,
  severity,
  cluster: 'prod-eu',
  namespace: 'shop',
  object: `secret/${key}`,
  summary,
});

describe('finding lines', () => {
  it('puts critical first and neutralises Slack control characters from certificate subjects', () => {
    const lines = findingLines([finding('b', 'warn', 'leaf CN=<!channel> & co expires in 9 days'), finding('a', 'critical', 'expired')]);
    expect(lines).toEqual([
      '• :red_circle: secret/a in prod-eu/shop: expired',
      '• :large_yellow_circle: secret/b in prod-eu/shop: leaf CN=&lt;!channel&gt; &amp; co expires in 9 days',
    ]);
    expect(escapeMrkdwn('<@U1>')).toBe('&lt;@U1&gt;');
  });

  it('fits lines by count and by characters, pointing at the file for the rest', () => {
    expect(fitLines(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b', '…and 1 more in the attached file'], hidden: 1 });
    expect(fitLines(['a', 'b'], 5)).toEqual({ shown: ['a', 'b'], hidden: 0 });
    const long = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, 'x'));
    const { shown, hidden } = fitLines(long, 100);
    expect(shown.join('\n').length).toBeLessThan(3000);
    expect(hidden).toBe(50 - (shown.length - 1));
  });
});
