import type { CommandSpec } from '../spec.js';
import { flagString, positionals, preview } from '../args.js';
import { appName, envName } from '../config-names.js';
import { ArgProblem } from '../usage-error.js';
import { kubeName } from '../validate/kube-names.js';
import { parseImageRef } from '../validate/oci-reference.js';

export const upgradeCommand: CommandSpec<'upgrade'> = {
  name: 'upgrade',
  summary: 'set the image (a tag or a full reference), watch, and roll back automatically if the rollout fails',
  usage: 'upgrade <app> <env> <tag-or-image> [--container c]',
  examples: ['upgrade api-service prod v1.4.2', 'upgrade api-service prod registry.example.com/shop/api:v1.4.2 --container api'],
  mutates: true,
  readOnly: false,
  needsApp: true,
  scoped: true,
  flags: [{ name: 'container', value: 'c', description: 'which container (default: the only one, or the one named like the app)' }],
  parse(args, { config }) {
    const [app, env, image] = positionals(args, ['app', 'env', 'tag-or-image']) as [string, string, string];
    const inv: ReturnType<CommandSpec<'upgrade'>['parse']> = { command: 'upgrade', app: appName(app, config), env: envName(env, config), image };
    const ref = parseImageRef(image);
    if (typeof ref === 'string') throw new ArgProblem(`"${preview(image)}" is not an image tag or reference: ${ref}`);
    const container = flagString(args, 'container');
    if (container !== undefined) inv.container = kubeName(container, 'container name', 'label');
    return inv;
  },
};
