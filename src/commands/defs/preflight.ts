import type { CommandSpec } from '../spec.js';
import { flagString, positionals } from '../args.js';
import { envName } from '../config-names.js';
import { ArgProblem } from '../usage-error.js';
import { kubeVersion } from '../validate/values.js';

export const preflightCommand: CommandSpec<'preflight'> = {
  name: 'preflight',
  summary: 'upgrade readiness: removed APIs in use, PDB coverage, node versions, last backup age',
  usage: 'preflight <env> --to <version>',
  examples: ['preflight prod --to 1.31', 'preflight prod --to v1.31.2'],
  mutates: false,
  readOnly: true,
  needsApp: false,
  scoped: true,
  flags: [{ name: 'to', value: 'version', description: 'the Kubernetes version to upgrade to' }],
  parse(args, { config }) {
    const [env] = positionals(args, ['env']) as [string];
    const to = flagString(args, 'to');
    if (to === undefined) throw new ArgProblem('missing --to <version> (the Kubernetes version you plan to upgrade to)');
    // Normalised without the "v": `1.31` or `1.31.2`.
    return { command: 'preflight', env: envName(env, config), toVersion: kubeVersion(to) };
  },
};
