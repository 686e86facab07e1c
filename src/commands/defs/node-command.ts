import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { envName } from '../config-names.js';
import { kubeName } from '../validate/kube-names.js';

type NodeCommandName = 'cordon' | 'uncordon' | 'drain';

/** `<command> <node> <env>`: cordon, uncordon and drain share their grammar. */
export function nodeCommand<C extends NodeCommandName>(name: C, summary: string, example: string): CommandSpec<C> {
  return {
    name,
    summary,
    usage: `${name} <node> <env>`,
    examples: [example],
    mutates: true,
    readOnly: false,
    needsApp: false,
    scoped: true,
    flags: [],
    parse(args, { config }) {
      const [node, env] = positionals(args, ['node', 'env']) as [string, string];
      const inv = { command: name, node: kubeName(node, 'node name', 'subdomain'), env: envName(env, config) };
      return inv as ReturnType<CommandSpec<C>['parse']>;
    },
  };
}
