import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../../src/config/index.js';

const base = 'clusters: {c: {inCluster: true}}\nenvironments: {dev: {cluster: c, namespace: ns, policy: p}}\npolicies: {p: {run: ["*"]}}\n';

describe('GitOps config keys', () => {
  it('apps.<app>.rollbackStrategy: absent by default, history or revert, anything else explained', () => {
    const none = parseConfig(`${base}apps: {a: {workload: deployment/a}}`);
    expect(none.ok && none.config.apps['a']?.rollbackStrategy).toBeUndefined();
    const history = parseConfig(`${base}apps: {a: {workload: deployment/a, rollbackStrategy: history}}`);
    expect(history.ok && history.config.apps['a']?.rollbackStrategy).toBe('history');
    const bad = parseConfig(`${base}apps: {a: {workload: deployment/a, rollbackStrategy: undo}}`, 'test.yaml');
    if (bad.ok) throw new Error('expected a problem');
    expect(bad.problems.map(formatProblem).join('\n')).toMatch(/apps\.a\.rollbackStrategy: .*history.*revert/);
  });

  it('alerts.gitops: afterMinutes defaults to 15 and becomes afterMs', () => {
    const r = parseConfig(`${base}alerts:\n  gitops: { schedule: "*/10 * * * *", channel: C0GITOPS }`);
    expect(r.ok && r.config.alerts.gitops).toEqual({ schedule: '*/10 * * * *', timezone: 'UTC', channel: 'C0GITOPS', remindEveryMs: 86_400_000, afterMs: 15 * 60_000 });
    const five = parseConfig(`${base}alerts:\n  gitops: { schedule: "*/10 * * * *", channel: C0GITOPS, afterMinutes: 5 }`);
    expect(five.ok && five.config.alerts.gitops?.afterMs).toBe(5 * 60_000);
  });
});
