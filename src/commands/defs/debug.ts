import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { appOrPod, envName } from '../config-names.js';

export const debugCommand: CommandSpec<'debug'> = {
  name: 'debug',
  summary: 'capture bundle: pod states, events, describe, current and previous logs (redacted)',
  usage: 'debug <app-or-pod> <env>',
  examples: ['debug api-service prod', 'debug api-service-7d9f8b6c5-x2x9z prod'],
  mutates: false,
  readOnly: true,
  needsApp: false,
  scoped: true,
  flags: [],
  parse(args, { config }) {
    const [target, env] = positionals(args, ['app-or-pod', 'env']) as [string, string];
    return { command: 'debug', target: appOrPod(target, config), env: envName(env, config) };
  },
};
