import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { envName } from '../config-names.js';

/** `certs <env>` and `quota <env>`: the scheduled scans, on demand. */
export function envScanCommand<C extends 'certs' | 'quota'>(name: C, summary: string): CommandSpec<C> {
  return {
    name,
    summary,
    usage: `${name} <env>`,
    examples: [`${name} prod`],
    mutates: false,
    readOnly: true,
    needsApp: false,
    scoped: true,
    flags: [],
    parse(args, { config }) {
      const [env] = positionals(args, ['env']) as [string];
      return { command: name, env: envName(env, config) } as ReturnType<CommandSpec<C>['parse']>;
    },
  };
}
