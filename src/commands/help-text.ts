import type { CommandName } from '../core/invocation.js';
import type { ShipmateConfig } from '../config/types.js';
import type { Policy } from '../policy/types.js';
import type { AnyCommandSpec } from './spec.js';
import { commandSpec, commandSpecs } from './registry.js';

export interface HelpCaller {
  user: string;
  userGroups: ReadonlySet<string>;
  policy: Policy;
  config: ShipmateConfig;
}

/** May the caller run a command in one environment, and with how many approvals from whom. */
export type HelpWhere =
  | { env: string; allowed: false; reason: string }
  | { env: string; allowed: true; approvals: number; approvers: readonly string[]; channel?: string };

/** One environment in the overview: what the caller may do there. */
export interface HelpAccess {
  env: string;
  cluster: string;
  namespace: string;
  access: 'no access' | 'read-only' | 'changes run at once' | { approvals: number };
  channel?: string;
}

/**
 * Help as data: command usages, flags, examples, and (with a caller) where they may run what.
 * slack/views words it; user ids, group ids and channel ids stay ids here.
 */
export type HelpDoc =
  | { kind: 'overview'; commands: { usage: string; summary: string; mutates: boolean }[]; access?: HelpAccess[]; apps?: string[] }
  | {
      kind: 'topic';
      usage: string;
      summary: string;
      flags: { name: string; value?: string; description: string }[];
      examples: readonly string[];
      where?: HelpWhere[];
      apps?: string[];
    };

function whereOf(spec: AnyCommandSpec, caller: HelpCaller): HelpWhere[] {
  return Object.entries(caller.config.environments).map(([env, e]): HelpWhere => {
    const denial = caller.policy.checkRunner({ user: caller.user, userGroups: caller.userGroups, env, command: spec.name });
    if (denial) return { env, allowed: false, reason: denial.message };
    const approvals = caller.policy.approvalsRequired(env, spec.name, spec.mutates);
    const approvers = approvals === 0 ? [] : caller.policy.approversOf(env, spec.name);
    return { env, allowed: true, approvals, approvers, ...(e.channel ? { channel: e.channel } : {}) };
  });
}

function topicHelp(spec: AnyCommandSpec, caller: HelpCaller | undefined): HelpDoc {
  return {
    kind: 'topic',
    usage: spec.usage,
    summary: spec.summary,
    flags: spec.flags.map((f) => ({ name: f.name, description: f.description, ...(f.value ? { value: f.value } : {}) })),
    examples: spec.examples,
    ...(caller && spec.scoped ? { where: whereOf(spec, caller) } : {}),
    ...(caller && spec.needsApp ? { apps: Object.keys(caller.config.apps) } : {}),
  };
}

function accessOf(caller: HelpCaller): HelpAccess[] {
  const mutating = commandSpecs.filter((s) => s.scoped && s.mutates);
  return Object.entries(caller.config.environments).map(([env, e]) => {
    const may = (command: CommandName) => !caller.policy.checkRunner({ user: caller.user, userGroups: caller.userGroups, env, command });
    const n = caller.policy.approvalsRequired(env, 'rollback', true);
    const access: HelpAccess['access'] = !may('status')
      ? 'no access'
      : !mutating.some((s) => may(s.name))
        ? 'read-only'
        : n === 0
          ? 'changes run at once'
          : { approvals: n };
    return { env, cluster: e.cluster, namespace: e.namespace, access, ...(e.channel ? { channel: e.channel } : {}) };
  });
}

/**
 * Help: the command list, or one command's usage, flags and examples. With a caller it also
 * says, per environment, whether they may run it and how many approvals it needs.
 */
export function helpText(topic: CommandName | undefined, caller?: HelpCaller): HelpDoc {
  if (topic !== undefined) return topicHelp(commandSpec(topic) as AnyCommandSpec, caller);
  return {
    kind: 'overview',
    commands: commandSpecs.map((s) => ({ usage: s.usage, summary: s.summary, mutates: s.mutates })),
    ...(caller ? { access: accessOf(caller), apps: Object.keys(caller.config.apps) } : {}),
  };
}
