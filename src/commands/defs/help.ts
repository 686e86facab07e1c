import type { CommandSpec } from '../spec.js';
import { positionals, preview } from '../args.js';
import { ArgProblem } from '../usage-error.js';
import { closest } from '../suggest.js';
import { COMMAND_ORDER, isCommand } from '../command-list.js';

export const helpCommand: CommandSpec<'help'> = {
  name: 'help',
  summary: 'usage, examples, and what you may do where',
  usage: 'help [command]',
  examples: ['help', 'help rollback'],
  mutates: false,
  readOnly: true,
  needsApp: false,
  scoped: false,
  flags: [],
  parse(args) {
    const [topic] = positionals(args, [], ['command']);
    if (topic === undefined) return { command: 'help' };
    const name = topic.toLowerCase();
    if (isCommand(name)) return { command: 'help', topic: name };
    const near = closest(name, COMMAND_ORDER);
    throw new ArgProblem(`no help for "${preview(topic)}": there is no such command${near.length ? `; did you mean ${near.join(', ')}?` : ''}`, near);
  },
};
