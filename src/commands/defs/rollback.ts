import type { CommandSpec } from '../spec.js';
import { flagString, positionals } from '../args.js';
import { appName, envName } from '../config-names.js';
import { boundedInt } from '../validate/values.js';

export const rollbackCommand: CommandSpec<'rollback'> = {
  name: 'rollback',
  summary: 'roll back to the previous revision (or --to N), then watch the rollout',
  usage: 'rollback <app> <env> [--to N]',
  examples: ['rollback api-service prod', 'rollback api-service prod --to 4'],
  mutates: true,
  readOnly: false,
  needsApp: true,
  scoped: true,
  flags: [{ name: 'to', value: 'N', description: 'the revision to roll back to (see history); for GitOps apps rolled back by revert, a commit sha' }],
  parse(args, { config }) {
    const [app, env] = positionals(args, ['app', 'env']) as [string, string];
    const inv: ReturnType<CommandSpec<'rollback'>['parse']> = { command: 'rollback', app: appName(app, config), env: envName(env, config) };
    const to = flagString(args, 'to');
    // A Git commit (7–40 hex digits with a letter) for revert rollbacks; otherwise a revision number.
    if (to !== undefined && /^[0-9a-f]{7,40}$/.test(to) && /[a-f]/.test(to)) inv.toSha = to;
    else if (to !== undefined) inv.toRevision = boundedInt(to, '--to (a revision number or a commit sha)', 1, 2_147_483_647);
    return inv;
  },
};
