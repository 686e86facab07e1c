import type { CommandName } from '../core/invocation.js';
import type { ApproveContext, Denial, PolicyRules, PolicySource, RunContext } from './types.js';
import { describeList, isListed } from './principals.js';

/** The resolved policy of one environment, or a denial when the env (or its policy) is unknown. */
export interface EnvPolicy {
  env: string;
  name: string;
  rules: PolicyRules;
  channel?: string;
}

export function envPolicy(source: PolicySource, env: string): EnvPolicy | Denial {
  const environment = Object.hasOwn(source.environments, env) ? source.environments[env] : undefined;
  if (!environment) return { rule: 'environment', message: `unknown environment "${env}"` };
  const rules = Object.hasOwn(source.policies, environment.policy) ? source.policies[environment.policy] : undefined;
  if (!rules) return { rule: 'environment', message: `environment ${env} has no policy "${environment.policy}"` };
  return environment.channel === undefined ? { env, name: environment.policy, rules } : { env, name: environment.policy, rules, channel: environment.channel };
}

/** A list and the config path it came from (`run` or `commands.scale.run`), for the denial text. */
export function listFor(p: EnvPolicy, command: CommandName, which: 'run' | 'approve'): { list: readonly string[]; label: string } {
  const override = p.rules.commands[command]?.[which];
  return override ? { list: override, label: `commands.${command}.${which}` } : { list: p.rules[which], label: which };
}

type RunCheck = (p: EnvPolicy, ctx: RunContext) => Denial | null;
type ApproveCheck = (p: EnvPolicy, ctx: ApproveContext) => Denial | null;

export const channelRestriction: RunCheck = (p, ctx) =>
  p.channel !== undefined && ctx.channel !== p.channel
    ? { rule: `environment ${p.env}: channel`, message: `${p.env} requests are accepted only in channel ${p.channel}`, channel: p.channel }
    : null;

export const runList: RunCheck = (p, ctx) => {
  const { list, label } = listFor(p, ctx.command, 'run');
  return isListed(list, ctx) ? null : { rule: `policy ${p.name}: ${label}`, message: `policy ${p.name}: you are not in ${label} ${describeList(list)}` };
};

export const notSelf: ApproveCheck = (p, ctx) =>
  ctx.user === ctx.requester
    ? { rule: `policy ${p.name}: no self-approval`, message: 'you requested this, so you cannot approve it; someone else must' }
    : null;

export const notTwice: ApproveCheck = (p, ctx) =>
  ctx.approvals.includes(ctx.user)
    ? { rule: `policy ${p.name}: distinct approvers`, message: 'you already approved this request; another approver is needed' }
    : null;

export const approveList: ApproveCheck = (p, ctx) => {
  const { list, label } = listFor(p, ctx.command, 'approve');
  return isListed(list, ctx) ? null : { rule: `policy ${p.name}: ${label}`, message: `policy ${p.name}: you are not in ${label} ${describeList(list)}` };
};

/** Ordered: the first denial is the answer. Channel first, so people are pointed to the right place. */
export const RUN_CHECKS: readonly RunCheck[] = [channelRestriction, runList];
export const APPROVE_CHECKS: readonly ApproveCheck[] = [notSelf, notTwice, approveList];
