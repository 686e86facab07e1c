import { describe, expect, it } from 'vitest';
import { parseConfig, formatProblem } from '../../../src/config/index.js';

const base = 'clusters: {c: {inCluster: true}}\nenvironments: {dev: {cluster: c, namespace: ns, policy: p}}\npolicies: {p: {run: ["*"]}}\n';
const quotas = 'alerts:\n  quotas: { schedule: "*/30 * * * *", warnPercent: 80, criticalPercent: 95, channel: C0ALERTS';

describe('debug.showEnv', () => {
  it('defaults to showing no env value', () => {
    const r = parseConfig(base);
    expect(r.ok && r.config.debug).toEqual({ showEnv: [] });
  });

  it('lists the env names whose values may be shown', () => {
    const r = parseConfig(`${base}debug: { showEnv: [LOG_LEVEL, FEATURE.FLAGS] }`);
    expect(r.ok && r.config.debug.showEnv).toEqual(['LOG_LEVEL', 'FEATURE.FLAGS']);
  });

  it('says which entry is not an env var name', () => {
    const r = parseConfig(`${base}debug: { showEnv: [LOG_LEVEL, "A=B"] }`, 'test.yaml');
    if (r.ok) throw new Error('expected a problem');
    expect(r.problems.map(formatProblem).join('\n')).toMatch(/debug\.showEnv\[1\]: must be an environment variable name such as LOG_LEVEL/);
  });
});

describe('alerts.quotas.ignoreNamespaces', () => {
  it('defaults to the system namespaces', () => {
    const r = parseConfig(`${base}${quotas} }`);
    expect(r.ok && r.config.alerts.quotas?.ignoreNamespaces).toEqual(['kube-system', 'kube-public', 'kube-node-lease']);
  });

  it('takes namespaces and rejects what is not one', () => {
    const ok = parseConfig(`${base}${quotas}, ignoreNamespaces: [sandbox] }`);
    expect(ok.ok && ok.config.alerts.quotas?.ignoreNamespaces).toEqual(['sandbox']);
    const bad = parseConfig(`${base}${quotas}, ignoreNamespaces: [Not_A_Namespace] }`);
    expect(bad.ok).toBe(false);
  });
});
