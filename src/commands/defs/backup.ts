import type { CommandSpec } from '../spec.js';
import { envName } from '../config-names.js';
import { ArgProblem } from '../usage-error.js';
import { kubeName } from '../validate/kube-names.js';

const MAX_NAMESPACES = 50;

export const backupCommand: CommandSpec<'backup'> = {
  name: 'backup',
  summary: "a Velero backup of the environment's namespace (or the namespaces named), watched to the end",
  usage: 'backup <env> [namespace…]',
  examples: ['backup prod', 'backup prod shop payments'],
  mutates: true,
  readOnly: false,
  needsApp: false,
  scoped: true,
  flags: [],
  parse(args, { config }) {
    const [env, ...rest] = args.positionals;
    if (env === undefined) throw new ArgProblem('missing <env>');
    if (rest.length > MAX_NAMESPACES) throw new ArgProblem(`at most ${MAX_NAMESPACES} namespaces per backup`);
    const namespaces = [...new Set(rest.map((ns) => kubeName(ns, 'namespace', 'label')))];
    // An empty list means the environment's own namespace (resolved from config by the operation).
    return { command: 'backup', env: envName(env, config), namespaces };
  },
};
