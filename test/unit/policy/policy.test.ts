import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import type { ShipmateConfig } from '../../../src/config/types.js';
import { createPolicy } from '../../../src/policy/index.js';

const YAML = `
clusters: { eu: { context: eu }, local: { inCluster: true } }
environments:
  prod: { cluster: eu, namespace: shop, policy: production, channel: C0PRODOPS }
  staging: { cluster: eu, namespace: shop-staging, policy: pair }
  dev: { cluster: local, namespace: shop-dev, policy: open }
policies:
  production:
    run: [S0ONCALL, U0CAROL]
    approve: [S0SRELEADS, U0DAVE]
    approvals: 1
    approvalTtl: 45m
    scale: { min: 2, max: 20 }
    rolloutTimeout: 7m
    drainTimeout: 20m
    commands:
      drain: { approvals: 2 }
      scale: { run: [U0ERIN], approve: [U0FRANK] }
      logs: { approvals: 1 }
  pair: { run: ["*"], approve: ["*"], approvals: 2, readOnlyWithoutApproval: false }
  open: { run: ["*"] }
`;

function config(): ShipmateConfig {
  const r = parseConfig(YAML);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const policy = createPolicy(config());
const none = new Set<string>();
const oncall = new Set(['S0ONCALL']);
const leads = new Set(['S0SRELEADS']);
const run = (over: Partial<Parameters<typeof policy.checkRun>[0]>) =>
  policy.checkRun({ user: 'U0ALICE', userGroups: oncall, env: 'prod', command: 'rollback', channel: 'C0PRODOPS', ...over });
const approve = (over: Partial<Parameters<typeof policy.checkApprove>[0]>) =>
  policy.checkApprove({ user: 'U0BOB', userGroups: leads, env: 'prod', command: 'rollback', requester: 'U0ALICE', approvals: [], ...over });

describe('checkRun', () => {
  it('allows members of a run group in the environment channel', () => {
    expect(run({})).toBeNull();
  });

  it('allows users listed by id', () => {
    expect(run({ user: 'U0CAROL', userGroups: none })).toBeNull();
  });

  it('denies callers outside the run list, naming the policy and the list', () => {
    expect(run({ userGroups: none })).toEqual({ rule: 'policy production: run', message: 'policy production: you are not in run [S0ONCALL, U0CAROL]' });
  });

  it('points requests from other channels to the environment channel first', () => {
    expect(run({ channel: 'C0RANDOM', userGroups: none })).toEqual({
      rule: 'environment prod: channel',
      message: 'prod requests are accepted only in channel C0PRODOPS',
      channel: 'C0PRODOPS',
    });
  });

  it('accepts any channel and anyone with "*"', () => {
    expect(run({ env: 'dev', channel: 'D0DIRECT', userGroups: none, user: 'U0ANYONE' })).toBeNull();
  });

  it('uses a per-command run override instead of the policy list', () => {
    expect(run({ command: 'scale' })).toEqual({
      rule: 'policy production: commands.scale.run',
      message: 'policy production: you are not in commands.scale.run [U0ERIN]',
    });
    expect(run({ command: 'scale', user: 'U0ERIN', userGroups: none })).toBeNull();
  });

  it('denies unknown environments instead of throwing', () => {
    expect(run({ env: 'moon' })).toEqual({ rule: 'environment', message: 'unknown environment "moon"' });
    expect(run({ env: '__proto__' })?.rule).toBe('environment');
  });

  it('checkRunner ignores the channel (for help)', () => {
    expect(policy.checkRunner({ user: 'U0ALICE', userGroups: oncall, env: 'prod', command: 'restart' })).toBeNull();
    expect(policy.checkRunner({ user: 'U0ALICE', userGroups: none, env: 'prod', command: 'restart' })?.rule).toBe('policy production: run');
  });
});

describe('checkApprove', () => {
  it('accepts an approver from the approve group', () => {
    expect(approve({})).toBeNull();
  });

  it('never lets requesters approve their own request, even when they are approvers', () => {
    expect(approve({ user: 'U0DAVE', userGroups: none, requester: 'U0DAVE' })).toEqual({
      rule: 'policy production: no self-approval',
      message: 'you requested this, so you cannot approve it; someone else must',
    });
  });

  it('refuses the same approver twice', () => {
    expect(approve({ approvals: ['U0BOB'] })?.message).toBe('you already approved this request; another approver is needed');
  });

  it('names the approve list when the caller is not in it', () => {
    expect(approve({ userGroups: oncall })).toEqual({
      rule: 'policy production: approve',
      message: 'policy production: you are not in approve [S0SRELEADS, U0DAVE]',
    });
  });

  it('uses a per-command approve override', () => {
    expect(approve({ command: 'scale' })?.rule).toBe('policy production: commands.scale.approve');
    expect(approve({ command: 'scale', user: 'U0FRANK', userGroups: none })).toBeNull();
  });

  it('collects N distinct approvers with "*" but still not the requester', () => {
    const ctx = { env: 'staging', command: 'restart' as const, requester: 'U0ALICE', userGroups: none };
    expect(policy.checkApprove({ ...ctx, user: 'U0BOB', approvals: [] })).toBeNull();
    expect(policy.checkApprove({ ...ctx, user: 'U0CAROL', approvals: ['U0BOB'] })).toBeNull();
    expect(policy.checkApprove({ ...ctx, user: 'U0BOB', approvals: ['U0BOB'] })?.rule).toBe('policy pair: distinct approvers');
    expect(policy.checkApprove({ ...ctx, user: 'U0ALICE', approvals: ['U0BOB'] })?.rule).toBe('policy pair: no self-approval');
  });
});

describe('approvalsRequired, ttl, limits and groups', () => {
  it('needs no approval for read-only commands when readOnlyWithoutApproval', () => {
    for (const command of ['status', 'history', 'debug', 'certs', 'quota', 'preflight', 'jobs', 'audit', 'help'] as const) {
      expect(policy.approvalsRequired('prod', command, false)).toBe(0);
    }
  });

  it('applies the policy count to mutating commands, and overrides per command', () => {
    expect(policy.approvalsRequired('prod', 'rollback', true)).toBe(1);
    expect(policy.approvalsRequired('prod', 'drain', true)).toBe(2);
    expect(policy.approvalsRequired('prod', 'logs', false)).toBe(1);
    expect(policy.approvalsRequired('dev', 'rollback', true)).toBe(0);
  });

  it('asks approvals for read-only commands when readOnlyWithoutApproval is false', () => {
    expect(policy.approvalsRequired('staging', 'status', false)).toBe(2);
  });

  it('never makes cancel wait for approvals', () => {
    expect(policy.approvalsRequired('prod', 'cancel', true)).toBe(0);
  });

  it('returns the approval ttl and the operation limits', () => {
    expect(policy.approvalTtlMs('prod', 'rollback')).toBe(45 * 60_000);
    expect(policy.approvalTtlMs('dev', 'rollback')).toBe(30 * 60_000);
    expect(policy.limits('prod')).toEqual({ rolloutTimeoutMs: 7 * 60_000, drainTimeoutMs: 20 * 60_000, minReplicas: 2, maxReplicas: 20 });
    expect(() => policy.limits('moon')).toThrow(RangeError);
  });

  it('lists the group ids an environment policy mentions', () => {
    expect(policy.groupsToResolve('prod')).toEqual(['S0ONCALL', 'S0SRELEADS']);
    expect(policy.groupsToResolve('dev')).toEqual([]);
    expect(policy.groupsToResolve('moon')).toEqual([]);
  });

  it('tells who may approve a command', () => {
    expect(policy.approversOf('prod', 'rollback')).toEqual(['S0SRELEADS', 'U0DAVE']);
    expect(policy.approversOf('prod', 'scale')).toEqual(['U0FRANK']);
  });
});
