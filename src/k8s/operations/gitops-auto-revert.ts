import { ConflictError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import type { OperationResult, ResultSection } from '../../core/plan.js';
import { boundCommit, commitMessage, type Person } from '../../git/index.js';
import type { ClusterClients } from '../client/cluster-registry.js';
import { describeOwner, type GitOpsOwner } from '../gitops/gitops-owner.js';
import type { GitChangeDeps, GitScope } from './gitops-git-deps.js';
import { watchCommit } from './gitops-watch-commit.js';
import { report, result } from './outcome.js';

export interface AutoRevertInput {
  scope: GitScope;
  owner: GitOpsOwner;
  clients: ClusterClients;
  /** Shipmate's own commit whose revision went Degraded. */
  sha: string;
  detail: string;
  facts: OperationResult['facts'];
  commitSection: ResultSection;
  who: { requester: Person; approvers: Person[] };
}

/**
 * Shipmate reverts its own commit when the owner reports that revision Degraded (Argo CD) or
 * Ready=False (Flux): a new commit, pushed fast-forward only, bound to the branch as Shipmate left
 * it (someone else's later change to the path stops the revert instead of being undone).
 */
export async function autoRevert(deps: GitChangeDeps, ctx: OperationContext, input: AutoRevertInput): Promise<OperationResult> {
  const { scope, owner, sha } = input;
  await report(ctx, 'step', `${describeOwner(owner)}: ${input.detail}; reverting commit ${sha.slice(0, 12)} automatically`);
  const bound = await scope.checkout.withFreshTree(async (tree) => ({ head: sha, path: scope.app.path, pathId: await tree.objectId(sha, scope.app.path) }), ctx.signal);
  const revert = await boundCommit(scope.checkout, bound, {
    apply: async (tree) => {
      if (!(await tree.revertNoCommit(sha))) throw new ConflictError(`git revert of ${sha} did not apply cleanly; nothing was pushed`);
    },
    message: commitMessage({
      subject: `Revert ${scope.app.path} to before ${sha.slice(0, 12)}: the revision went ${owner.tool === 'argocd' ? 'Degraded' : 'Ready=False'}`,
      body: `This reverts commit ${sha}.\nAutomatic rollback by Shipmate: ${input.detail}`,
      ...input.who,
      requestId: ctx.requestId,
    }),
  }, ctx.signal);
  await report(ctx, 'step', `pushed revert commit ${revert.sha}`);
  const back = await watchCommit(deps, ctx, input.clients, owner, revert.sha);
  const facts = { ...input.facts, autoRevertCommit: revert.sha, revertedHealth: back.state };
  const section = { title: 'Automatic revert', text: `${input.detail}\nShipmate reverted its commit ${sha} with ${revert.sha}; after the revert: ${back.detail}`, preformatted: true };
  return result('failed', `commit ${sha} went ${owner.tool === 'argocd' ? 'Degraded' : 'Ready=False'}; Shipmate reverted it with commit ${revert.sha} (${back.detail})`, { facts, sections: [input.commitSection, section] });
}
