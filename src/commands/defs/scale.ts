import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { appName, envName } from '../config-names.js';
import { replicaCount } from '../validate/values.js';
import { ArgProblem } from '../usage-error.js';

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
    const name = appName(app, config);
    // Known from config before the ack, so it is answered here rather than as a failed plan.
    if (config.apps[name]?.workload.kind === 'DaemonSet') throw new ArgProblem(`${name} is a DaemonSet: it runs one pod per node and cannot be scaled`);
    // The form only: policy's scale.min/max are the one statement of the bounds (checked before the ack).
    return { command: 'scale', app: name, env: envName(env, config), replicas: replicaCount(replicas) };
  },
};
