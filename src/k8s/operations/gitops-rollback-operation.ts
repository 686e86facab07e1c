import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import { describeOwner as describeOwnerOf, type Owner } from '../../core/owner.js';
import type { OwnedStrategy } from './owned-operation.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import { type Application, automatedOf, rollbackEntry, runningOperation, shortSha, type AppHistoryEntry } from '../gitops/argocd-application.js';
import { pollUntil } from '../gitops/poll.js';
import { getApplication } from '../gitops/argocd-operation.js';
import { suspendAutomation } from '../gitops/argocd-automation.js';
import { describeOwner, gitopsOwnerFrom, type GitOpsOwner } from '../gitops/gitops-owner.js';
import { skippedDryRun } from './dry-run.js';
import { ownerFingerprint, pollOptions, withOwnerLock, type GitOpsDeps } from './gitops-scope.js';
import { runArgoSync } from './gitops-sync-operation.js';
import { report, result } from './outcome.js';
import { workloadTarget } from './workload-scope.js';

/** How a rollback of a GitOps-owned app is made (config `apps.<app>.rollbackStrategy`). */
export type RollbackStrategy = 'history' | 'revert';

export interface GitOpsRollbackOptions {
  strategyOf(app: string): RollbackStrategy;
}

function chosenEntry(app: Application, ctx: OperationContext): AppHistoryEntry {
  const to = ctx.invocation.command === 'rollback' ? ctx.invocation.toRevision : undefined;
  const entry = rollbackEntry(app, to);
  if (entry) return entry;
  const ids = (app.status?.history ?? []).map((h) => h.id).join(', ') || 'none';
  throw new InvalidError(to === undefined ? `the Application's history has no previous entry to roll back to (ids: ${ids})` : `--to ${to} is not in the Application's history; ids: ${ids} (see /k8s history)`);
}

/** The spec, plus the newest history id: a deployment after approval moves "the previous entry", so it voids the approval. */
function rollbackFingerprint(owner: GitOpsOwner, app: Application): string {
  return `${ownerFingerprint(owner, app)}/h${app.status?.history?.at(-1)?.id ?? -1}`;
}

function refuseUnavailable(owner: GitOpsOwner, strategy: RollbackStrategy): never {
  if (strategy === 'revert') {
    throw new InvalidError(`${describeOwner(owner)} owns this app and its rollback strategy is revert (a Git revert), which is not available yet: it arrives with the Git write path. Set rollbackStrategy: history for Argo CD apps, or revert the commit in Git`);
  }
  throw new InvalidError(`${describeOwner(owner)} owns this app; strategy history needs Argo CD's status.history, which Flux does not offer. Revert the commit in Git (strategy revert arrives with the Git write path), or /k8s suspend it first`);
}

async function planHistory(deps: GitOpsDeps, ctx: OperationContext, owner: GitOpsOwner & { tool: 'argocd' }): Promise<Plan> {
  const app = await getApplication(deps.registry.clients(ctx.scope.cluster), owner, ctx.signal);
  // Not refused while an operation runs: a rollback is most needed while a bad sync is rolling out.
  // The job suspends auto-sync, lets the running operation end, then syncs to the history entry.
  const running = runningOperation(app);
  const entry = chosenEntry(app, ctx);
  const auto = automatedOf(app);
  const suspend = auto ? `auto-sync will be SUSPENDED (was ${JSON.stringify(auto)}) and stays off until /k8s resume; then ` : '';
  return {
    target: workloadTarget(ctx),
    summary: `roll back ${describeOwner(owner)} through its history: ${suspend}sync to history #${entry.id} (${shortSha(entry.revision)}, deployed ${entry.deployedAt ?? '?'})${running ? `; an operation is in progress (${running}): the rollback waits for it to end` : ''}`,
    diff: '', dryRun: skippedDryRun(), fingerprint: rollbackFingerprint(owner, app),
    noop: app.status?.sync?.revision === entry.revision && app.status.sync.status === 'Synced',
    facts: { gitopsOwner: describeOwner(owner), strategy: 'history', historyId: entry.id, revision: entry.revision, autoSyncSuspended: Boolean(auto) },
  };
}

async function executeHistory(deps: GitOpsDeps, ctx: OperationContext, owner: GitOpsOwner & { tool: 'argocd' }): Promise<OperationResult> {
  const clients = deps.registry.clients(ctx.scope.cluster);
  const entry = chosenEntry(await getApplication(clients, owner, ctx.signal), ctx);
  const removed = await suspendAutomation(clients, owner, ctx.signal);
  if (removed) await report(ctx, 'step', `auto-sync SUSPENDED on ${describeOwner(owner)} (was ${JSON.stringify(removed)}), so self-heal cannot undo the rollback`);
  // An automated sync started just before the suspension still runs to its end; the rollback follows it.
  await pollUntil(async () => {
    const running = runningOperation(await getApplication(clients, owner, ctx.signal));
    if (running) await report(ctx, 'status', `waiting for the operation in progress to finish: ${running}`);
    return running ? undefined : true;
  }, pollOptions(deps, ctx, 'the operation in progress to finish'));
  // As `argocd app rollback`: the history entry's revision and source.
  const out = await runArgoSync(deps, ctx, clients, owner, { revision: entry.revision, prune: false, ...(entry.source ? { source: entry.source } : {}) },
    (a) => a.status?.health?.status === 'Healthy', { refreshFirst: false });
  const resume = `/k8s resume ${ctx.scope.app ?? ''} ${ctx.scope.env}`;
  // Pinned in the thread: the suspension outlives this request, and must not be forgotten.
  await report(ctx, 'reminder', `auto-sync on ${describeOwner(owner)} is ${removed ? 'suspended by this rollback' : 'off'}; Git still says ${shortSha(out.app.status?.sync?.revision)}. Nothing re-enables it silently: run ${resume} when Git holds the fix`);
  const facts = { historyId: entry.id, revision: entry.revision, autoSyncSuspended: Boolean(removed) };
  if (!out.ok) return result('failed', `rollback of ${describeOwner(owner)} to #${entry.id}: ${out.message}; auto-sync stays suspended (${resume})`, { facts });
  return result('succeeded', `${describeOwner(owner)} rolled back to history #${entry.id} (${shortSha(entry.revision)}); auto-sync suspended, ${resume} restores it`, { facts });
}

/**
 * The GitOps owner's way of carrying out `/k8s rollback` (owner-routing: strategy gitops): Argo
 * CD–owned apps with strategy history go through the Application's history; other GitOps owners
 * and strategy revert are refused with what to do instead.
 */
export function gitopsRollbackStrategy(deps: GitOpsDeps, options: GitOpsRollbackOptions): OwnedStrategy {
  const route = (ctx: OperationContext, owner: Owner): GitOpsOwner & { tool: 'argocd' } => {
    const o = gitopsOwnerFrom(owner);
    if (!o) throw new InvalidError(`${describeOwnerOf(owner)} is not an Argo CD Application or Flux object`);
    const strategy = ctx.scope.app ? options.strategyOf(ctx.scope.app) : 'history';
    if (o.tool !== 'argocd' || strategy !== 'history') refuseUnavailable(o, strategy);
    return o;
  };
  return {
    async plan(ctx, owner) {
      const o = route(ctx, owner);
      return withOwnerLock(await planHistory(deps, ctx, o), ctx.scope.cluster, o);
    },
    async fingerprint(ctx, owner) {
      const o = route(ctx, owner);
      return rollbackFingerprint(o, await getApplication(deps.registry.clients(ctx.scope.cluster), o, ctx.signal));
    },
    execute: (ctx, owner) => executeHistory(deps, ctx, route(ctx, owner)),
  };
}
