import type { CommandSpec } from '../spec.js';
import { flagString, positionals } from '../args.js';
import { appOrPod, envName } from '../config-names.js';
import { kubeName } from '../validate/kube-names.js';
import { boundedInt, sinceSeconds } from '../validate/values.js';

export const logsCommand: CommandSpec<'logs'> = {
  name: 'logs',
  summary: 'a log excerpt of an app or pod; the full text comes as a file',
  usage: 'logs <app-or-pod> <env> [--previous] [--tail N] [--since 1h] [--container c]',
  examples: ['logs api-service prod --since 15m', 'logs api-service-7d9f8b6c5-x2x9z prod --previous --tail 200'],
  mutates: false,
  readOnly: true,
  needsApp: false,
  scoped: true,
  flags: [
    { name: 'previous', description: 'the previous (crashed) container instance' },
    { name: 'tail', value: 'N', description: 'last N lines (1–100000)' },
    { name: 'since', value: '1h', description: 'only newer lines: 90s, 15m, 1h, 2h30m (at most 7d)' },
    { name: 'container', value: 'c', description: 'which container' },
  ],
  parse(args, { config }) {
    const [target, env] = positionals(args, ['app-or-pod', 'env']) as [string, string];
    const inv: ReturnType<CommandSpec<'logs'>['parse']> = {
      command: 'logs',
      target: appOrPod(target, config),
      env: envName(env, config),
      previous: args.flags.get('previous') === true,
    };
    const tail = flagString(args, 'tail');
    if (tail !== undefined) inv.tailLines = boundedInt(tail, '--tail', 1, 100_000);
    const since = flagString(args, 'since');
    if (since !== undefined) inv.sinceSeconds = sinceSeconds(since);
    const container = flagString(args, 'container');
    if (container !== undefined) inv.container = kubeName(container, 'container name', 'label');
    return inv;
  },
};
