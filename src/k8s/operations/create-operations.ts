import type { Logger } from 'pino';
import type { CommandName } from '../../core/invocation.js';
import { registryOf, type OperationRegistry } from '../../core/operation.js';
import type { ClusterRegistry } from '../client/cluster-registry.js';
import { createSanitizer } from '../objects/sanitize.js';
import { backupOperation } from './backup-operation.js';
import { debugOperation } from './debug-operation.js';
import { historyOperation } from './history-operation.js';
import { logsOperation } from './logs-operation.js';
import { cordonOperation } from './cordon-operation.js';
import { drainOperation } from './drain-operation.js';
import { DEFAULT_TIMING, withMutates, type MutatesOf, type OperationBody, type OperationDeps, type OperationTiming } from './operation-deps.js';
import { restartOperation } from './restart-operation.js';
import { rollbackOperation } from './rollback-operation.js';
import { scaleOperation } from './scale-operation.js';
import { statusOperation } from './status-operation.js';
import { upgradeOperation } from './upgrade-operation.js';
import { ownerAware, type OwnerOptions } from './owned-commands.js';
import { lazyBody } from './lazy-operation.js';
import { namespaceTarget } from './workload-scope.js';

export interface CreateOperationsOptions {
  registry: ClusterRegistry;
  logger: Logger;
  /** The command spec's mutates flag (commands/registry isMutating): declared there, not here. */
  mutates: MutatesOf;
  /** Env var names whose literal values cards and captures may show (config `debug.showEnv`). */
  showEnv?: readonly string[];
  /** Overrides of kubectl's waits (tests and benches shorten them). */
  timing?: Partial<OperationTiming>;
  /** Owner detection, pins, the imperativeOnOwned policy and the helm CLI (DESIGN.md §4a). */
  owners?: OwnerOptions;
}

/** The k8s operations by command; `undefined` for commands not implemented here ("not available yet"). */
export function createOperations(options: CreateOperationsOptions): OperationRegistry {
  const deps: OperationDeps = { registry: options.registry, logger: options.logger, timing: { ...DEFAULT_TIMING, ...options.timing },
    sanitizer: createSanitizer({ showEnv: options.showEnv ?? [] }),
  };
  const plain = new Map<CommandName, OperationBody>([
    ['status', statusOperation(deps)],
    ['history', historyOperation(deps)],
    ['rollback', rollbackOperation(deps)],
    ['upgrade', upgradeOperation(deps)],
    ['restart', restartOperation(deps)],
    ['scale', scaleOperation(deps)],
    ['logs', logsOperation(deps)],
    ['debug', debugOperation(deps)],
    ['cordon', cordonOperation(deps, 'cordon')],
    ['uncordon', cordonOperation(deps, 'uncordon')],
    ['drain', drainOperation(deps)],
    ['backup', backupOperation(deps)],
    // Imported on its first run: preflight (and the Helm release reader it uses) is rarely needed.
    ['preflight', lazyBody('preflight', namespaceTarget, 'preflight', async () => (await import('./preflight-operation.js')).preflightOperation(deps))],
  ]);
  const bodies = ownerAware(deps, options.owners ?? {}, plain);
  return registryOf([...bodies.values()].map((body) => withMutates(body, options.mutates)));
}
