import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig, formatProblem, type ConfigProblem } from '../../../src/config/index.js';
import { fixture } from './support.js';

function problemsOf(yaml: string): ConfigProblem[] {
  const r = parseConfig(yaml, 'test.yaml');
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

function problemAt(problems: ConfigProblem[], path: string): ConfigProblem {
  const p = problems.find((x) => x.path === path);
  if (!p) throw new Error(`no problem at ${path}; got:\n${problems.map(formatProblem).join('\n')}`);
  return p;
}

describe('parseConfig: valid files', () => {
  it('accepts the shipped example and applies the documented defaults', () => {
    const example = readFileSync(fileURLToPath(new URL('../../../shipmate.example.yaml', import.meta.url)), 'utf8');
    const r = parseConfig(example);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.config.clusters).toEqual({ 'prod-eu': { context: 'prod-eu' }, local: { inCluster: true } });
    expect(r.config.environments['prod']).toEqual({ cluster: 'prod-eu', namespace: 'shop', policy: 'production', channel: 'C0PRODOPS' });
    expect(r.config.environments['dev']).toEqual({ cluster: 'local', namespace: 'shop-dev', policy: 'open' });
    expect(r.config.apps['api-service']).toEqual({ workload: { kind: 'Deployment', name: 'api-service' }, owners: ['S0PAYMENTS'], helm: { imageValue: 'image.tag' } });
    expect(r.config.policies['open']).toEqual({
      run: ['*'], approve: [], approvals: 0, approvalTtlMs: 30 * 60_000, readOnlyWithoutApproval: true, commands: {},
      scale: { min: 0, max: 50 }, rolloutTimeoutMs: 5 * 60_000, drainTimeoutMs: 10 * 60_000,
      imperativeOnOwned: { helm: 'warn', argocd: 'refuse', flux: 'refuse', rollout: 'refuse' },
    });
    expect(r.config.alerts.quotas).toMatchObject({ timezone: 'UTC', remindEveryMs: 24 * 3_600_000, warnPercent: 80 });
    expect(r.config.alerts.certificates).toMatchObject({ timezone: 'Europe/Berlin', warnDays: 21, criticalDays: 7 });
  });

  it('reads every optional key of the full fixture', () => {
    const r = parseConfig(fixture('full.yaml'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const prod = r.config.policies['production']!;
    expect(prod).toMatchObject({ approvalTtlMs: 3_600_000, rolloutTimeoutMs: 600_000, drainTimeoutMs: 5_400_000, scale: { min: 2, max: 20 } });
    expect(prod.commands).toEqual({ drain: { approvals: 2 }, scale: { run: ['S0SRELEADS'] }, logs: { approvals: 1 } });
    expect(r.config.apps['cart']!.workload).toEqual({ kind: 'StatefulSet', name: 'cart' });
    expect(r.config.apps['node-agent']!.workload.kind).toBe('DaemonSet');
    expect(r.config.alerts.certificates!.remindEveryMs).toBe(12 * 3_600_000);
    expect(r.warnings).toEqual([expect.stringContaining('policies.two-person: 3 approvals required but only 2 user(s)')]);
  });

  it('defaults approvals to 1 when someone may approve, 0 otherwise', () => {
    const base = 'clusters: {c: {inCluster: true}}\nenvironments: {dev: {cluster: c, namespace: ns, policy: p}}\n';
    const withApprovers = parseConfig(`${base}policies: {p: {run: ["*"], approve: [S0LEADS]}}`);
    const without = parseConfig(`${base}policies: {p: {run: ["*"]}}`);
    expect(withApprovers.ok && withApprovers.config.policies['p']!.approvals).toBe(1);
    expect(without.ok && without.config.policies['p']!.approvals).toBe(0);
  });

  it('warns about approvals that listed users can never reach, and unused policies', () => {
    const r = parseConfig(fixture('warn-approvers.yaml'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toContain('policies.pair: 2 approvals required but only 1 user(s) may approve; such requests can never be approved');
      expect(r.warnings).toContain('policies.unused: not used by any environment');
    }
  });
});

describe('parseConfig: every problem at once, with paths and hints', () => {
  it('reports unknown cross-references with the known names and the closest one', () => {
    const problems = problemsOf(fixture('broken-references.yaml'));
    expect(problemAt(problems, 'environments.prod.cluster')).toEqual({
      path: 'environments.prod.cluster',
      message: 'unknown cluster "prod-us"; known: prod-eu, local',
      hint: 'did you mean prod-eu?',
    });
    expect(problemAt(problems, 'environments.prod.policy').hint).toBe('did you mean production?');
    expect(problemAt(problems, 'policies.production.approvals').message).toContain('nobody may approve');
    expect(problems).toHaveLength(3);
  });

  it('rejects unknown keys at every level with the closest known key', () => {
    const problems = problemsOf(fixture('broken-keys.yaml'));
    expect(problemAt(problems, 'environments.prod.chanel').hint).toBe('did you mean "channel"?');
    expect(problemAt(problems, 'apps.api-service.ownrs').hint).toBe('did you mean "owners" or "owner"?');
    expect(problemAt(problems, 'policies.production.aprove').hint).toBe('did you mean "approve"?');
    expect(problemAt(problems, 'alert').hint).toBe('did you mean "alerts"?');
    expect(problemAt(problems, 'policies.production.commands.rolback')).toMatchObject({ message: 'unknown command "rolback"', hint: 'did you mean rollback?' });
  });

  it('refuses secrets anywhere in the file, but not user-chosen names that look like them', () => {
    const problems = problemsOf(fixture('broken-secrets.yaml'));
    expect(problems.map((p) => p.path).sort()).toEqual(['clusters.prod-eu.password', 'policies.open.signingSecret', 'slackBotToken']);
    for (const p of problems) expect(p.hint).toContain('environment');
    const named = parseConfig(
      'clusters: {c: {inCluster: true}}\nenvironments: {dev: {cluster: c, namespace: ns, policy: open}}\n' +
        'apps: {token-service: {workload: deployment/token-service}}\npolicies: {open: {run: ["*"]}}',
    );
    expect(named.ok).toBe(true);
  });

  it('reports value problems in all sections together', () => {
    const problems = problemsOf(fixture('broken-values.yaml'));
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'clusters.both', 'clusters.neither', 'environments.Prod', 'environments.Prod.namespace', 'environments.Prod.channel',
        'apps.api.workload', 'policies.p.run[0]', 'policies.p.approvals', 'policies.p.approvalTtl', 'policies.p.scale',
        'alerts.certificates.schedule', 'alerts.certificates.timezone', 'alerts.certificates.criticalDays',
        'alerts.quotas.schedule', 'alerts.quotas.criticalPercent',
      ]),
    );
    expect(problemAt(problems, 'apps.api.workload').hint).toContain('deployment/<name>');
    expect(problemAt(problems, 'alerts.quotas.schedule').message).toBe('minute "61" is outside 0–59');
  });

  it('reports YAML syntax errors with file, line and column', () => {
    const [problem, ...rest] = problemsOf(fixture('broken-syntax.yaml'));
    expect(rest).toEqual([]);
    expect(problem!.path).toBe('test.yaml:3:1');
    expect(problem!.message).toMatch(/^YAML syntax: /);
  });

  it('treats duplicate keys, empty files and non-mappings as problems', () => {
    expect(problemsOf('clusters: {}\nclusters: {}')[0]!.message).toMatch(/YAML syntax/);
    expect(problemsOf('')).toEqual([{ path: 'test.yaml', message: 'the file is empty', hint: 'start from shipmate.example.yaml' }]);
    expect(problemsOf('- a\n- b')[0]!.message).toMatch(/expected a/);
  });

  it('says which required sections are missing', () => {
    const problems = problemsOf('apps: {}');
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining(['clusters: is required', 'environments: is required', 'policies: is required']),
    );
  });
});
