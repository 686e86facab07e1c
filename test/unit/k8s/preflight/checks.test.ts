import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../../src/k8s/objects/k8s-object.js';
import { backupIncludes, checkBackupAge } from '../../../../src/k8s/preflight/backup-age-check.js';
import { selectorMatches } from '../../../../src/k8s/preflight/label-selector.js';
import { checkNodeSkew, kubeletSkew } from '../../../../src/k8s/preflight/node-skew-check.js';
import { checkPdbCoverage } from '../../../../src/k8s/preflight/pdb-check.js';
import { renderPreflight } from '../../../../src/k8s/preflight/report.js';
import { sectionBody } from '../../../../src/slack/views/result-items.js';

const m = (minor: number) => ({ major: 1, minor });

describe('kubeletSkew', () => {
  it('allows three minor versions behind from kubelet 1.25 on, two before, and never ahead', () => {
    expect(kubeletSkew(m(29), m(32))).toBeUndefined();
    expect(kubeletSkew(m(28), m(32))).toMatch(/trail the API server 1\.32 by 4 minor versions \(at most 3 allowed\)/);
    expect(kubeletSkew(m(24), m(27))).toMatch(/by 3 minor versions \(at most 2 allowed\)/);
    expect(kubeletSkew(m(33), m(32))).toBe('kubelet 1.33 would be newer than the API server 1.32');
  });
});

describe('checkNodeSkew', () => {
  const node = (name: string, kubeletVersion: string): KObject => ({ metadata: { name }, status: { nodeInfo: { kubeletVersion } } });

  it('flags nodes out of skew and a control-plane jump of more than one minor', () => {
    const result = checkNodeSkew([node('a', 'v1.31.4'), node('b', 'v1.29.0-eks-1')], m(33), m(32));
    expect(result.findings).toEqual([{ severity: 'blocker', text: 'node/b: kubelet 1.29 would trail the API server 1.33 by 4 minor versions (at most 3 allowed): upgrade the node first' }]);
    const jump = checkNodeSkew([node('a', 'v1.31.4')], m(34), m(32));
    expect(jump.findings[0]?.text).toBe('the API server runs 1.32; the control plane upgrades one minor version at a time (1.32 → 1.33 first)');
    expect(checkNodeSkew([], m(31), m(32)).findings[0]?.text).toMatch(/would be a downgrade/);
  });
});

describe('selectorMatches', () => {
  it('follows policy/v1: empty selects all, missing selects none, expressions as the API server reads them', () => {
    expect(selectorMatches({}, { app: 'x' })).toBe(true);
    expect(selectorMatches(undefined, { app: 'x' })).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, { app: 'x', tier: 'web' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, { app: 'x' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { tier: 'db' })).toBe(false);
  });
});

describe('checkPdbCoverage', () => {
  const deployment = (name: string, replicas: number): KObject => ({
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, template: { metadata: { labels: { app: name } } } },
  });
  const pdb = (name: string, app: string, status?: Record<string, number>, spec: Record<string, unknown> = {}): KObject => ({
    metadata: { name },
    spec: { selector: { matchLabels: { app } }, ...spec },
    ...(status ? { status } : {}),
  });

  it('warns about replicated workloads without a PDB and blocks on PDBs that allow no disruption', () => {
    const result = checkPdbCoverage(
      [deployment('api', 3), deployment('web', 2), deployment('solo', 1)],
      [pdb('api-pdb', 'api', { disruptionsAllowed: 0, expectedPods: 3, currentHealthy: 3, desiredHealthy: 3 }), pdb('gone', 'nothing', { disruptionsAllowed: 0, expectedPods: 0 })],
    );
    expect(result.findings).toEqual([
      { severity: 'blocker', text: 'poddisruptionbudget/api-pdb allows 0 disruptions (3 healthy of 3 expected pods, 3 required): draining a node with its pods will block' },
      { severity: 'warning', text: 'deployment/web (2 replicas) has no PodDisruptionBudget: a node drain may evict all its pods at once' },
    ]);
  });

  it('reads maxUnavailable 0 from the spec before the disruption controller reported a status', () => {
    const result = checkPdbCoverage([], [pdb('strict', 'api', undefined, { maxUnavailable: 0 })]);
    expect(result.findings[0]?.text).toMatch(/allows 0 disruptions \(maxUnavailable: 0\)/);
  });
});

describe('checkBackupAge', () => {
  const now = new Date('2025-06-02T12:00:00Z');
  const backup = (name: string, completed: string, spec: Record<string, unknown>, phase = 'Completed'): KObject => ({
    metadata: { name, creationTimestamp: completed },
    spec,
    status: { phase, completionTimestamp: completed },
  });

  it('reads Velero namespace inclusion: none or * means all, minus excluded', () => {
    expect(backupIncludes(backup('a', '', {}), 'shop')).toBe(true);
    expect(backupIncludes(backup('a', '', { includedNamespaces: ['*'], excludedNamespaces: ['shop'] }), 'shop')).toBe(false);
    expect(backupIncludes(backup('a', '', { includedNamespaces: ['other'] }), 'shop')).toBe(false);
  });

  it('warns when there is no completed backup, or the newest one is over 24 h old', () => {
    const failed = backup('f', '2025-06-02T11:00:00Z', { includedNamespaces: ['shop'] }, 'PartiallyFailed');
    expect(checkBackupAge({ namespace: 'shop', backups: [failed], now }).findings[0]?.text).toMatch(/^no completed Velero backup includes namespace shop/);
    const old = backup('old', '2025-05-30T12:00:00Z', { includedNamespaces: ['shop'] });
    expect(checkBackupAge({ namespace: 'shop', backups: [old, failed], now }).findings[0]?.text).toBe('the newest completed backup of shop (old) is 3 days old, more than 24 h');
    const fresh = backup('fresh', '2025-06-02T09:00:00Z', {});
    expect(checkBackupAge({ namespace: 'shop', backups: [old, fresh], now })).toMatchObject({ findings: [], notes: ['newest completed backup of shop: fresh, 3 h old'] });
  });

  it('skips politely without Velero', () => {
    expect(checkBackupAge({ namespace: 'shop', backups: undefined, missing: 'Velero is not installed', now }).skipped).toBe('Velero is not installed; backup age not checked');
  });
});

describe('renderPreflight', () => {
  it('summarises blockers and warnings and moves long lists into a file', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ severity: 'warning' as const, text: `deployment/w${i} has no PodDisruptionBudget` }));
    const result = renderPreflight({
      env: 'prod',
      namespace: 'shop',
      toVersion: '1.33',
      checks: [
        { title: 'Removed APIs', findings: [{ severity: 'blocker', text: 'x <y>' }], notes: [] },
        { title: 'PodDisruptionBudgets', findings: many, notes: ['30 workloads'] },
        { title: 'Last backup', findings: [], notes: [], skipped: 'Velero is not installed' },
      ],
    });
    expect(result.summary).toBe('prod (namespace shop) is not ready for Kubernetes 1.33: 1 blocker, 30 warnings');
    expect(result.sections.map((s) => s.title)).toEqual(['Removed APIs: 1 blocker', 'PodDisruptionBudgets: 30 warnings', 'Last backup: skipped']);
    expect(sectionBody(result.sections[0]!, 3000)).toBe('• :red_circle: x &lt;y&gt;');
    expect(sectionBody(result.sections[1]!, 3000)).toContain('…and 15 more in the attached file');
    expect(result.files[0]?.content).toContain('WARNING  deployment/w29 has no PodDisruptionBudget');
    expect(result.facts).toEqual({ toVersion: '1.33', ready: false, blockers: 1, warnings: 30 });
  });

  it('says ready when nothing blocks', () => {
    const result = renderPreflight({ env: 'dev', namespace: 'shop', toVersion: '1.33', checks: [{ title: 'Node versions', findings: [], notes: [] }] });
    expect(result.summary).toBe('dev (namespace shop) is ready for Kubernetes 1.33');
    expect(result.files).toEqual([]);
  });
});
