import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { appName, envName } from '../config-names.js';

type AppEnvName = 'status' | 'history' | 'restart' | 'audit' | 'sync' | 'suspend' | 'resume' | 'diff';

/** The shape shared by `<command> <app> <env>` commands with no flags. */
export function appEnvCommand<C extends AppEnvName>(
  name: C,
  text: { summary: string; examples: readonly string[]; mutates: boolean },
): CommandSpec<C> {
  return {
    name,
    summary: text.summary,
    usage: `${name} <app> <env>`,
    examples: text.examples,
    mutates: text.mutates,
    readOnly: !text.mutates,
    needsApp: true,
    scoped: true,
    flags: [],
    parse(args, { config }) {
      const [app, env] = positionals(args, ['app', 'env']) as [string, string];
      return { command: name, app: appName(app, config), env: envName(env, config) } as ReturnType<CommandSpec<C>['parse']>;
    },
  };
}
