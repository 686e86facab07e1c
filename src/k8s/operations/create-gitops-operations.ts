import type { CommandName } from '../../core/invocation.js';
import { overlay, type Operation, type OperationRegistry } from '../../core/operation.js';
import type { ClusterRegistry } from '../client/cluster-registry.js';
import type { Logger } from 'pino';
import { createSanitizer } from '../objects/sanitize.js';
import { DEFAULT_TIMING, withMutates, type MutatesOf, type OperationTiming } from './operation-deps.js';
import type { GitOpsDeps } from './gitops-scope.js';
import { gitopsHistory, gitopsStatus } from './gitops-owned-operations.js';
import { lazyBody } from './lazy-operation.js';
import { ownerDepsOf, type OwnerOptions } from './owned-commands.js';
import type { FluxSourceDeps } from './flux-source-diff.js';
import { workloadTarget } from './workload-scope.js';

export interface CreateGitOpsOperationsOptions {
  registry: ClusterRegistry;
  logger: Logger;
  showEnv?: readonly string[];
  timing?: Partial<OperationTiming>;
  /** The other operations: status and history are wrapped to add the GitOps owner's state. */
  base: OperationRegistry;
  mutates: MutatesOf;
  /** The same owner options as createOperations (pins, and gitopsPollMs). */
  owners?: OwnerOptions;
  /**
   * Flux `/k8s diff` renders the source itself (the `gitops.repos` working copies, kubectl kustomize)
   * and dry-runs it; without this it falls back, saying so, to the last-applied comparison.
   */
  fluxSources?: FluxSourceDeps;
}

/**
 * `base` with the GitOps commands in front, and status/history with the GitOps owner's state
 * added; rollback routes to the GitOps strategy through createOperations' owner
 * routing, and imperative commands on GitOps-owned apps are policy's (imperativeOnOwned).
 */
export function createGitOpsOperations(options: CreateGitOpsOperationsOptions): OperationRegistry {
  const deps: GitOpsDeps = {
    registry: options.registry, logger: options.logger, timing: { ...DEFAULT_TIMING, ...options.timing },
    sanitizer: createSanitizer({ showEnv: options.showEnv ?? [] }), gitops: { pollMs: options.owners?.gitopsPollMs ?? 1_000 },
    owners: ownerDepsOf(options.owners ?? {}), fluxSources: options.fluxSources,
  };
  // The commands' code is imported on their first plan; they all lock the workload.
  const own: Operation[] = [
    lazyBody('sync', workloadTarget, 'GitOps sync', async () => (await import('./gitops-sync-operation.js')).syncOperation(deps)),
    lazyBody('suspend', workloadTarget, 'GitOps suspend', async () => (await import('./gitops-suspend-operation.js')).suspendResumeOperation(deps, 'suspend')),
    lazyBody('resume', workloadTarget, 'GitOps resume', async () => (await import('./gitops-suspend-operation.js')).suspendResumeOperation(deps, 'resume')),
    lazyBody('diff', workloadTarget, 'GitOps diff', async () => (await import('./gitops-diff-operation.js')).diffOperation(deps)),
  ].map((b) => withMutates(b, options.mutates));
  const wrap = (command: CommandName, fn: (base: Operation) => Operation): Operation[] => {
    const base = options.base.get(command);
    return base ? [fn(base)] : [];
  };
  return overlay(options.base, [...own, ...wrap('status', (b) => gitopsStatus(deps, b)), ...wrap('history', (b) => gitopsHistory(deps, b))]);
}

