import type { CommandName } from '../../core/invocation.js';
import type { Operation, OperationRegistry } from '../../core/operation.js';
import type { ClusterRegistry } from '../client/cluster-registry.js';
import type { Logger } from 'pino';
import { createSanitizer } from '../objects/sanitize.js';
import { DEFAULT_TIMING, withMutates, type MutatesOf, type OperationTiming } from './operation-deps.js';
import type { GitOpsDeps } from './gitops-scope.js';
import { syncOperation } from './gitops-sync-operation.js';
import { suspendResumeOperation } from './gitops-suspend-operation.js';
import { diffOperation } from './gitops-diff-operation.js';
import { gitopsRollback, type RollbackStrategy } from './gitops-rollback-operation.js';
import { gitopsHistory, gitopsStatus, refuseImperative } from './gitops-owned-operations.js';

export interface CreateGitOpsOperationsOptions {
  registry: ClusterRegistry;
  logger: Logger;
  showEnv?: readonly string[];
  timing?: Partial<OperationTiming>;
  /** The kubectl-semantics operations, used for apps without a GitOps owner. */
  base: OperationRegistry;
  mutates: MutatesOf;
  /** How often the owner is re-read while waiting (default 1 s). */
  pollMs?: number;
  /** Config `apps.<app>.rollbackStrategy` (default history). */
  strategyOf(app: string | undefined): RollbackStrategy;
}

/**
 * The GitOps commands, and the owner-aware wrappers of status/history/rollback and the imperative
 * commands. Put before `base` in the combined registry.
 */
export function createGitOpsOperations(options: CreateGitOpsOperationsOptions): OperationRegistry {
  const deps: GitOpsDeps = {
    registry: options.registry, logger: options.logger, timing: { ...DEFAULT_TIMING, ...options.timing },
    sanitizer: createSanitizer({ showEnv: options.showEnv ?? [] }), gitops: { pollMs: options.pollMs ?? 1_000 },
  };
  const own = new Map<CommandName, Operation>(
    [syncOperation(deps), suspendResumeOperation(deps, 'suspend'), suspendResumeOperation(deps, 'resume'), diffOperation(deps)].map((b) => [b.command, withMutates(b, options.mutates)]),
  );
  const wrap = (command: CommandName, fn: (base: Operation) => Operation): void => {
    const base = options.base(command);
    if (base) own.set(command, fn(base));
  };
  wrap('status', (b) => gitopsStatus(deps, b));
  wrap('history', (b) => gitopsHistory(deps, b));
  wrap('rollback', (b) => gitopsRollback(deps, b, { strategyOf: options.strategyOf }));
  for (const c of ['upgrade', 'restart', 'scale'] as const) wrap(c, (b) => refuseImperative(deps, b));
  return (command) => own.get(command);
}
