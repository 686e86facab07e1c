import type { Logger } from 'pino';
import type { CommandName } from '../core/invocation.js';
import type { Operation, OperationRegistry } from '../core/operation.js';
import type { ClusterRegistry } from './cluster-registry.js';
import { backupOperation } from './operations/backup.js';
import { debugOperation } from './operations/debug-operation.js';
import { historyOperation } from './operations/history-operation.js';
import { logsOperation } from './operations/logs-operation.js';
import { preflightOperation } from './operations/preflight.js';
import { cordonOperation, drainOperation } from './operations/node-operations.js';
import { DEFAULT_TIMING, type OperationDeps, type OperationTiming } from './operations/op-support.js';
import { restartOperation } from './operations/restart-operation.js';
import { rollbackOperation } from './operations/rollback-operation.js';
import { scaleOperation } from './operations/scale-operation.js';
import { statusOperation } from './operations/status-operation.js';
import { upgradeOperation } from './operations/upgrade-operation.js';

export interface CreateOperationsOptions {
  registry: ClusterRegistry;
  logger: Logger;
  /** Overrides of kubectl's waits (tests and benches shorten them). */
  timing?: Partial<OperationTiming>;
}

/** The k8s operations by command; `undefined` for commands not implemented here ("not available yet"). */
export function createOperations(options: CreateOperationsOptions): OperationRegistry {
  const deps: OperationDeps = { registry: options.registry, logger: options.logger, timing: { ...DEFAULT_TIMING, ...options.timing } };
  const ops = new Map<CommandName, Operation>([
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
    ['preflight', preflightOperation(deps)],
  ]);
  return (command) => ops.get(command);
}
