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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line per environment: may the caller run this command there, and how many approvals it needs. */
function whereLines(spec: AnyCommandSpec, caller: HelpCaller): string[] {
  return Object.entries(caller.config.environments).map(([env, e]) => {
    const denial = caller.policy.checkRunner({ user: caller.user, userGroups: caller.userGroups, env, command: spec.name });
    if (denial) return `• *${env}*: no — ${denial.message}`;
    const n = caller.policy.approvalsRequired(env, spec.name, spec.mutates);
    const approvers = caller.policy.approversOf(env, spec.name);
    const approval = n === 0 ? 'runs at once' : `needs ${plural(n, 'approval')} from ${approvers.map(mention).join(', ')}`;
    const channel = e.channel ? `, only in <#${e.channel}>` : '';
    return `• *${env}*: yes, ${approval}${channel}`;
  });
}

function mention(id: string): string {
  if (id === '*') return 'anyone';
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}

function topicHelp(spec: AnyCommandSpec, caller: HelpCaller | undefined): string {
  const lines = [`*/k8s ${spec.usage}*`, spec.summary];
  if (spec.flags.length) {
    lines.push('', '*Flags*', ...spec.flags.map((f) => `• \`--${f.name}${f.value ? ` ${f.value}` : ''}\` ${f.description}`));
  }
  lines.push('', '*Examples*', ...spec.examples.map((e) => `• \`/k8s ${e}\``));
  if (caller && spec.scoped) lines.push('', '*Where you may run it*', ...whereLines(spec, caller));
  if (caller && spec.needsApp) lines.push('', `*Apps*: ${Object.keys(caller.config.apps).join(', ') || '(none configured)'}`);
  return lines.join('\n');
}

function overview(caller: HelpCaller | undefined): string {
  const lines = ['*Shipmate* — Kubernetes day-2 operations from Slack. `/k8s help <command>` shows details.', ''];
  for (const spec of commandSpecs) {
    lines.push(`• \`/k8s ${spec.usage}\` — ${spec.summary}${spec.mutates ? ' _(changes things)_' : ''}`);
  }
  if (caller) {
    const envs = Object.entries(caller.config.environments);
    lines.push('', '*Your access*');
    for (const [env, e] of envs) {
      const mutating = commandSpecs.filter((s) => s.scoped && s.mutates);
      const may = (command: CommandName) => !caller.policy.checkRunner({ user: caller.user, userGroups: caller.userGroups, env, command });
      const n = caller.policy.approvalsRequired(env, 'rollback', true);
      const changes = !may('status')
        ? 'no access'
        : !mutating.some((s) => may(s.name))
          ? 'read-only'
          : n === 0
            ? 'changes run at once'
            : `changes need ${plural(n, 'approval')}`;
      lines.push(`• *${env}* (${e.cluster}/${e.namespace}): ${changes}${e.channel ? `; requests only in <#${e.channel}>` : ''}`);
    }
    lines.push('', `*Apps*: ${Object.keys(caller.config.apps).join(', ') || '(none configured)'}`);
  }
  return lines.join('\n');
}

/**
 * mrkdwn help: the command list, or one command's usage, flags and examples. With a caller it
 * also says, per environment, whether they may run it and how many approvals it needs.
 */
export function helpText(topic: CommandName | undefined, caller?: HelpCaller): string {
  return topic === undefined ? overview(caller) : topicHelp(commandSpec(topic) as AnyCommandSpec, caller);
}
