import type { Logger } from 'pino';
import { overlay, type Operation, type OperationContext, type OperationRegistry } from '../../core/operation.js';
import type { ClusterRegistry } from '../client/cluster-registry.js';
import { createSanitizer } from '../objects/sanitize.js';
import { DEFAULT_TIMING, withMutates, type MutatesOf, type OperationTiming } from './operation-deps.js';
import { ownerDepsOf, type OwnerOptions } from './owned-commands.js';
import type { GitChangeSpec } from './gitops-change-operation.js';
import type { GitChangeDeps } from './gitops-git-deps.js';
import { lazyBody } from './lazy-operation.js';
import { workloadTarget } from './workload-scope.js';

export interface CreateGitChangeOperationsOptions {
  registry: ClusterRegistry;
  logger: Logger;
  showEnv?: readonly string[];
  mutates: MutatesOf;
  /** Everything else (GitOps owner commands, Helm, kubectl): used for apps without `apps.<app>.gitops`. */
  base: OperationRegistry;
  git: GitChangeDeps['git'];
  /** `apps.<app>.rollbackStrategy`; unset means revert once the app has a GitOps repository. */
  strategyOf(app: string): 'history' | 'revert' | undefined;
  pollMs?: number;
  /** Overrides of the waits (tests shorten them). */
  timing?: Partial<OperationTiming>;
  /** The owners module's options (pins), so the owner is found the way every other command finds it. */
  owners?: OwnerOptions;
}

/** Each method goes to `mine` when `useMine` says so for the request, otherwise to `base`. */
function routed(mine: Operation, base: Operation | undefined, useMine: (ctx: Pick<OperationContext, 'scope'>) => boolean): Operation {
  if (!base) return mine;
  const pick = (ctx: Pick<OperationContext, 'scope'>): Operation => (useMine(ctx) ? mine : base);
  return {
    command: mine.command,
    mutates: mine.mutates,
    target: (ctx) => pick(ctx).target(ctx),
    plan: (ctx) => pick(ctx).plan(ctx),
    fingerprint: (ctx, approved) => pick(ctx).fingerprint(ctx, approved),
    execute: (ctx, plan) => pick(ctx).execute(ctx, plan),
    describeCurrentState: (ctx) => pick(ctx).describeCurrentState?.(ctx) ?? Promise.resolve(''),
  };
}

/**
 * Changes through Git (issue 14): for apps with `apps.<app>.gitops`, upgrade and promote commit the
 * tag to the environment's overlay and rollback reverts; every other app keeps `base`'s behaviour.
 * Put before `base` in the combined registry.
 */
export function createGitChangeOperations(o: CreateGitChangeOperationsOptions): OperationRegistry {
  const deps: GitChangeDeps = {
    registry: o.registry, logger: o.logger, timing: { ...DEFAULT_TIMING, ...o.timing }, sanitizer: createSanitizer({ showEnv: o.showEnv ?? [] }),
    gitops: { pollMs: o.pollMs ?? 1_000 }, git: o.git, owners: ownerDepsOf(o.owners ?? {}),
  };
  const hasRepo = (ctx: Pick<OperationContext, 'scope'>): boolean => ctx.scope.app !== undefined && o.git.appOf(ctx.scope.app) !== undefined;
  const reverts = (ctx: Pick<OperationContext, 'scope'>): boolean => hasRepo(ctx) && o.strategyOf(ctx.scope.app ?? '') !== 'history';
  // The Git-change code (and the Git client under it) is imported on the first plan of such a change.
  const change = (command: 'upgrade' | 'rollback' | 'promote', spec: () => Promise<GitChangeSpec>): Operation =>
    withMutates(lazyBody(command, workloadTarget, `Git-change ${command}`, async () => (await import('./gitops-change-operation.js')).gitChangeOperation(deps, await spec())), o.mutates);
  return overlay(o.base, [
    routed(change('upgrade', async () => (await import('./gitops-upgrade-operation.js')).gitUpgradeSpec), o.base.get('upgrade'), hasRepo),
    routed(change('rollback', async () => (await import('./gitops-revert-operation.js')).gitRevertSpec), o.base.get('rollback'), reverts),
    change('promote', async () => (await import('./gitops-promote-operation.js')).gitPromoteSpec(deps)),
  ]);
}
