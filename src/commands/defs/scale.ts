import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { appName, envName } from '../config-names.js';
import { boundedInt } from '../validate/values.js';

export const scaleCommand: CommandSpec<'scale'> = {
  name: 'scale',
  summary: "set the replica count (within the environment policy's bounds)",
  usage: 'scale <app> <env> <replicas>',
  examples: ['scale api-service prod 6'],
  mutates: true,
  readOnly: false,
  needsApp: true,
  scoped: true,
  flags: [],
  parse(args, { config }) {
    const [app, env, replicas] = positionals(args, ['app', 'env', 'replicas']) as [string, string, string];
    // Syntactic bounds only; the policy's scale.min/max are applied when planning.
    return { command: 'scale', app: appName(app, config), env: envName(env, config), replicas: boundedInt(replicas, 'replicas', 0, 10_000) };
  },
};
