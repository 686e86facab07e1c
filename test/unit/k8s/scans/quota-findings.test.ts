import { describe, expect, it } from 'vitest';
import { findingsForResourceQuota } from '../../../../src/k8s/scans/quota-findings.js';

const thresholds = { warnPercent: 80, criticalPercent: 95 };
const quota = (hard: Record<string, string>, used: Record<string, string>) => ({
  metadata: { name: 'compute', namespace: 'shop' },
  status: { hard, used },
});

describe('findingsForResourceQuota', () => {
  it('compares every key exactly across suffix families', () => {
    const findings = findingsForResourceQuota(
      quota(
        { 'requests.cpu': '2', 'limits.memory': '2Gi', pods: '10', 'requests.storage': '100Gi', services: '0', secrets: '5' },
        { 'requests.cpu': '1900m', 'limits.memory': '1717986918400m', pods: '11', 'requests.storage': '1Gi', services: '0' },
      ),
      'prod-eu',
      thresholds,
    );
    expect(findings.map((f) => [f.key, f.severity, f.summary])).toEqual([
      ['quota/shop/compute/requests.cpu', 'critical', 'requests.cpu 1900m of 2 (95%)'],
      ['quota/shop/compute/limits.memory', 'warn', 'limits.memory 1717986918400m of 2Gi (80%)'],
      ['quota/shop/compute/pods', 'critical', 'pods 11 of 10 (110%, over quota)'],
    ]);
  });

  it('stays quiet just below the warn threshold and reports unparsable values', () => {
    const below = findingsForResourceQuota(quota({ 'requests.memory': '1Gi' }, { 'requests.memory': '858993459' }), 'c', thresholds);
    expect(below).toEqual([]);
    const bad = findingsForResourceQuota(quota({ 'requests.memory': '1K' }, { 'requests.memory': '1' }), 'c', thresholds);
    expect(bad).toMatchObject([{ severity: 'warn', summary: 'requests.memory: unparsable quantity (used "1", hard "1K")' }]);
  });

  it('treats a used zero-limit as over quota', () => {
    const over = findingsForResourceQuota(quota({ services: '0' }, { services: '1' }), 'c', thresholds);
    expect(over).toMatchObject([{ severity: 'critical', summary: 'services 1 of 0 (over quota)' }]);
  });
});
