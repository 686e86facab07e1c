import type { CommandSpec } from '../spec.js';
import { positionals } from '../args.js';
import { requestId } from '../validate/values.js';

export const cancelCommand: CommandSpec<'cancel'> = {
  name: 'cancel',
  summary: 'stop a request: withdraw it before it runs, or abort it while it runs',
  usage: 'cancel <request-id>',
  examples: ['cancel R-7KQ2M9AB'],
  mutates: true,
  readOnly: false,
  needsApp: false,
  scoped: false,
  flags: [],
  parse(args) {
    const [id] = positionals(args, ['request-id']) as [string];
    return { command: 'cancel', requestId: requestId(id) };
  },
};
