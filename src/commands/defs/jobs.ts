import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { envName } from '../config-names.js';

export const jobsCommand: CommandSpec<'jobs'> = {
  name: 'jobs',
  summary: 'requests that are waiting or running (in one environment, or everywhere)',
  usage: 'jobs [<env>]',
  examples: ['jobs', 'jobs prod'],
  mutates: false,
  readOnly: true,
  needsApp: false,
  scoped: false,
  flags: [],
  parse(args, { config }) {
    const [env] = positionals(args, [], ['env']);
    return env === undefined ? { command: 'jobs' } : { command: 'jobs', env: envName(env, config) };
  },
};
