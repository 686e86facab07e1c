import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { appName, envName } from '../config-names.js';
import { ArgProblem } from '../usage-error.js';

export const promoteCommand: CommandSpec<'promote'> = {
  name: 'promote',
  summary: 'commit the version running in one environment to the next one in the GitOps repository, then watch it deploy',
  usage: 'promote <app> <from-env> <to-env>',
  examples: ['promote api-service dev staging', 'promote api-service staging prod'],
  mutates: true,
  readOnly: false,
  needsApp: true,
  scoped: true,
  flags: [],
  parse(args, { config }) {
    const [app, from, to] = positionals(args, ['app', 'from-env', 'to-env']) as [string, string, string];
    const fromEnv = envName(from, config);
    const env = envName(to, config);
    if (fromEnv === env) throw new ArgProblem(`from-env and to-env are both ${env}; promote copies a version from one environment to another`);
    return { command: 'promote', app: appName(app, config), env, fromEnv };
  },
};
