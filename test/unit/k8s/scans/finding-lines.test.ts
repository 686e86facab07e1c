import { describe, expect, it } from 'vitest';
import { findingItems, fitItems } from '../../../../src/k8s/scans/finding-lines.js';
import { itemLines } from '../../../../src/slack/views/result-items.js';
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
    const lines = itemLines(findingItems([finding('b', 'warn', 'leaf CN=<!channel> & co expires in 9 days'), finding('a', 'critical', 'expired')]));
    expect(lines).toEqual([
      '• :red_circle: secret/a in prod-eu/shop: expired',
      '• :large_yellow_circle: secret/b in prod-eu/shop: leaf CN=&lt;!channel&gt; &amp; co expires in 9 days',
    ]);
  });

  it('fits lines by count and by characters, pointing at the file for the rest', () => {
    const item = (text: string) => ({ mark: 'warning' as const, text });
    const three = fitItems([item('a'), item('b'), item('c')], 2);
    expect(itemLines(three.shown, three.hidden)).toEqual(['• :large_yellow_circle: a', '• :large_yellow_circle: b', '…and 1 more in the attached file']);
    expect(fitItems([item('a'), item('b')], 5)).toEqual({ shown: [item('a'), item('b')], hidden: 0 });
    const long = Array.from({ length: 50 }, (_, i) => item(`${i}`.padEnd(200, 'x')));
    const { shown, hidden } = fitItems(long, 100);
    expect(itemLines(shown, hidden).join('\n').length).toBeLessThan(3000);
    expect(hidden).toBe(50 - shown.length);
  });
});
