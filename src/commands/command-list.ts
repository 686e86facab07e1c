import type { CommandName } from '../core/invocation.js';

/** Display order of commands in help; the registry's Record<CommandName, …> type keeps it complete. */
export const COMMAND_ORDER: readonly CommandName[] = [
  'help', 'status', 'history', 'logs', 'debug', 'rollback', 'upgrade', 'restart', 'scale', 'cordon',
  'uncordon', 'drain', 'backup', 'certs', 'quota', 'preflight', 'jobs', 'cancel', 'audit',
  'sync', 'suspend', 'resume', 'diff', 'promote',
];

export function isCommand(name: string): name is CommandName {
  return (COMMAND_ORDER as readonly string[]).includes(name);
}
