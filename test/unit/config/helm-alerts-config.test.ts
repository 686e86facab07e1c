import { describe, expect, it } from 'vitest';
import { parseConfig, formatProblem } from '../../../src/config/index.js';

const base = 'clusters: {c: {inCluster: true}}\nenvironments: {dev: {cluster: c, namespace: ns, policy: p}}\npolicies: {p: {run: ["*"]}}\n';
const helm = (extra = '') => `${base}alerts:\n  helm: { schedule: "*/15 * * * *", channel: C0HELM${extra} }`;

function problems(text: string): string {
  const r = parseConfig(text, 'test.yaml');
  if (r.ok) throw new Error('expected a problem');
  return r.problems.map(formatProblem).join('\n');
}

describe('alerts.helm', () => {
  it('defaults: 30m before a pending release counts as stuck, a daily reminder, UTC', () => {
    const r = parseConfig(helm());
    expect(r.ok && r.config.alerts.helm).toEqual({ schedule: '*/15 * * * *', channel: 'C0HELM', timezone: 'UTC', remindEveryMs: 86_400_000, pendingAfterMs: 1_800_000 });
  });

  it('takes pendingAfter as a duration', () => {
    const r = parseConfig(helm(', pendingAfter: 2h, remindEvery: 4h, timezone: Europe/Berlin'));
    expect(r.ok && r.config.alerts.helm).toMatchObject({ pendingAfterMs: 7_200_000, remindEveryMs: 14_400_000, timezone: 'Europe/Berlin' });
  });

  it('refuses a threshold shorter than helm\'s own wait, saying why', () => {
    expect(problems(helm(', pendingAfter: 1m'))).toMatch(/alerts\.helm\.pendingAfter: pendingAfter must be at least 5m: a helm upgrade still running is pending too/);
  });

  it('names the bad field: a duration that is not one, a missing channel, an unknown key', () => {
    expect(problems(helm(', pendingAfter: soon'))).toMatch(/alerts\.helm\.pendingAfter: "soon" is not a duration/);
    expect(problems(`${base}alerts:\n  helm: { schedule: "*/15 * * * *" }`)).toMatch(/alerts\.helm\.channel/);
    expect(problems(helm(', afterMinutes: 30'))).toMatch(/alerts\.helm.*afterMinutes/);
  });
});
