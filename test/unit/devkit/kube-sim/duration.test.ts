import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../../devkit/kube-sim/duration.js';
import { computeHash, sameTemplate, templateHash } from '../../../../devkit/kube-sim/controllers/hash.js';

describe('humanDuration (Table AGE cells)', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [3 * 3_600_000 + 60_000, '3h1m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000 + 3_600_000, '3d1h'],
    [40 * 86_400_000, '40d'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('pod-template-hash', () => {
  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } };
  it('ignores the hash label itself, nulls and key order, and uses the safe alphabet', () => {
    const withHash = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' }, creationTimestamp: null }, spec: { containers: [{ image: 'nginx:1.25', name: 'app' }] } };
    expect(templateHash(t)).toBe(templateHash(withHash as unknown as typeof t));
    expect(sameTemplate(t, withHash as unknown as typeof t)).toBe(true);
    expect(templateHash(t)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(computeHash({ a: 1 })).not.toBe(computeHash({ a: 2 }));
  });
});
