import type { CommandName } from '../core/invocation.js';

/** Runtime list of the command names, for validating `policies.*.commands` keys. */
export const COMMAND_NAMES = [
  'help', 'status', 'history', 'rollback', 'upgrade', 'restart', 'scale', 'logs', 'debug', 'cordon',
  'uncordon', 'drain', 'backup', 'certs', 'quota', 'preflight', 'jobs', 'cancel', 'audit',
  'sync', 'suspend', 'resume', 'diff', 'promote',
] as const satisfies readonly CommandName[];

// Fails to compile when a CommandName is added to core without being listed above.
type Missing = Exclude<CommandName, (typeof COMMAND_NAMES)[number]>;
const _exhaustive: Missing extends never ? true : Missing = true;
void _exhaustive;

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}
