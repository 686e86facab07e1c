import type { CommandName } from '../core/invocation.js';
import type { AnyCommandSpec, CommandSpec } from './spec.js';
import { COMMAND_ORDER } from './command-list.js';
import { helpCommand } from './defs/help.js';
import { statusCommand } from './defs/status.js';
import { historyCommand } from './defs/history.js';
import { rollbackCommand } from './defs/rollback.js';
import { upgradeCommand } from './defs/upgrade.js';
import { restartCommand } from './defs/restart.js';
import { scaleCommand } from './defs/scale.js';
import { logsCommand } from './defs/logs.js';
import { debugCommand } from './defs/debug.js';
import { cordonCommand } from './defs/cordon.js';
import { uncordonCommand } from './defs/uncordon.js';
import { drainCommand } from './defs/drain.js';
import { backupCommand } from './defs/backup.js';
import { certsCommand } from './defs/certs.js';
import { quotaCommand } from './defs/quota.js';
import { preflightCommand } from './defs/preflight.js';
import { jobsCommand } from './defs/jobs.js';
import { cancelCommand } from './defs/cancel.js';
import { auditCommand } from './defs/audit.js';
import { diffCommand, resumeCommand, suspendCommand, syncCommand } from './defs/gitops.js';
import { promoteCommand } from './defs/promote.js';

const byName: { readonly [C in CommandName]: CommandSpec<C> } = {
  help: helpCommand,
  status: statusCommand,
  history: historyCommand,
  rollback: rollbackCommand,
  upgrade: upgradeCommand,
  restart: restartCommand,
  scale: scaleCommand,
  logs: logsCommand,
  debug: debugCommand,
  cordon: cordonCommand,
  uncordon: uncordonCommand,
  drain: drainCommand,
  backup: backupCommand,
  certs: certsCommand,
  quota: quotaCommand,
  preflight: preflightCommand,
  jobs: jobsCommand,
  cancel: cancelCommand,
  audit: auditCommand,
  sync: syncCommand,
  suspend: suspendCommand,
  resume: resumeCommand,
  diff: diffCommand,
  promote: promoteCommand,
};

/** Every command, in help order. */
export const commandSpecs: readonly AnyCommandSpec[] = COMMAND_ORDER.map((name) => byName[name] as AnyCommandSpec);

export function commandSpec<C extends CommandName>(name: C): CommandSpec<C> {
  return byName[name] as CommandSpec<C>;
}

/** Whether a command changes the cluster or a request (needs a plan and, per policy, approvals). */
export function isMutating(name: CommandName): boolean {
  return byName[name].mutates;
}
