import { InvalidError } from '../../core/errors.js';
import type { CommandName } from '../../core/invocation.js';
import type { Operation, OperationContext } from '../../core/operation.js';
import type { Plan } from '../../core/plan.js';
import { boundCommit, checkBinding, commitMessage, type GitTree } from '../../git/index.js';
import { describeOwner } from '../gitops/gitops-owner.js';
import { skippedDryRun } from './dry-run.js';
import { bindingFacts, bindingFingerprint, bindingOf, gitScope, people, repoPathLock, type GitChangeDeps, type GitScope } from './gitops-git-deps.js';
import { requireOwner } from './gitops-scope.js';
import { watchCommit } from './gitops-watch-commit.js';
import { report, result } from './outcome.js';
import { workloadTarget } from './workload-scope.js';
import { autoRevert } from './gitops-auto-revert.js';

/** One Git change, prepared on a fresh tree at the branch head (and again on a newer head when rebased). */
export interface PreparedGitChange {
  /** Card line, e.g. `commit image … 1.4.2 → 1.5.0 to gitops/apps/api/envs/prod/kustomization.yaml`. */
  summary: string;
  subject: string;
  body?: string;
  /** The file (or directory) whose content binds the approval. */
  boundPath: string;
  /** What `git diff` shows. */
  diffPath: string;
  noop: boolean;
  facts: Record<string, string | number | boolean>;
  /** Makes the edit on the tree (not committed). */
  apply(tree: GitTree): Promise<void>;
}

export interface GitChangeSpec {
  command: CommandName;
  /** Reads the tree and the cluster; throws a clear InvalidError/PolicyDeniedError when the change cannot be made. */
  prepare(tree: GitTree, scope: GitScope, ctx: OperationContext, approved?: Plan): Promise<PreparedGitChange>;
  /** Revert Shipmate's own commit when its revision goes Degraded (upgrade, promote). */
  autoRevert: boolean;
}

/** The plan → approval → commit → push → sync → watch life of a Git change (issue 14). */
export function gitChangeOperation(deps: GitChangeDeps, spec: GitChangeSpec): Omit<Operation, 'mutates'> {
  return {
    command: spec.command,
    target: (ctx) => workloadTarget(ctx),
    async plan(ctx) {
      const scope = gitScope(deps, ctx);
      const { owner } = await requireOwner(deps, ctx);
      const { requester } = await people(deps, ctx);
      return scope.checkout.withFreshTree(async (tree) => {
        const prep = await spec.prepare(tree, scope, ctx);
        await prep.apply(tree);
        const diff = await tree.diff(prep.diffPath);
        await tree.checkPushAccess();
        const binding = { head: tree.head, path: prep.boundPath, pathId: await tree.objectId(tree.head, prep.boundPath) };
        const message = commitMessage({ subject: prep.subject, ...(prep.body ? { body: prep.body } : {}), requester, approvers: [], requestId: ctx.requestId });
        const plan: Plan = {
          target: workloadTarget(ctx),
          summary: prep.summary,
          diff: `commit message (Approved-by trailers are added for the approvers):\n${message}\n${diff}`,
          dryRun: skippedDryRun(),
          fingerprint: bindingFingerprint(scope.app.repoName, binding),
          noop: prep.noop,
          facts: { ...prep.facts, ...bindingFacts(binding), gitRepo: scope.app.repoName, gitopsOwner: describeOwner(owner) },
          extraLocks: [repoPathLock(scope)],
        };
        return plan;
      }, ctx.signal);
    },
    async fingerprint(ctx, approved) {
      const scope = gitScope(deps, ctx);
      const bound = approved ? bindingOf(approved) : undefined;
      return scope.checkout.withFreshTree(async (tree) => {
        if (!bound) return `git:${scope.app.repoName}:${scope.app.path}@${tree.head}`;
        await checkBinding(tree, bound);
        return bindingFingerprint(scope.app.repoName, bound);
      }, ctx.signal);
    },
    async execute(ctx, plan) {
      const scope = gitScope(deps, ctx);
      const bound = bindingOf(plan);
      if (!bound) throw new InvalidError('this plan carries no Git binding; please make a new request');
      const { clients, owner } = await requireOwner(deps, ctx);
      const who = await people(deps, ctx);
      let prepared: PreparedGitChange | undefined;
      const pushed = await boundCommit(scope.checkout, bound, {
        apply: async (tree) => {
          prepared = await spec.prepare(tree, scope, ctx, plan);
          await prepared.apply(tree);
        },
        get message() {
          return commitMessage({ subject: prepared?.subject ?? plan.summary, ...(prepared?.body ? { body: prepared.body } : {}), ...who, requestId: ctx.requestId });
        },
      }, ctx.signal);
      const sha = pushed.sha;
      await report(ctx, 'step', `pushed commit ${sha} to ${scope.app.repoName} (${scope.checkout.repo.url}, branch ${scope.checkout.repo.branch})${pushed.rebasedFrom ? `, rebased from ${pushed.rebasedFrom.slice(0, 12)}: the branch had moved but ${bound.path} had not` : ''}`);
      const facts = { ...plan.facts, commit: sha, gitRepo: scope.app.repoName, ...(pushed.rebasedFrom ? { rebasedFrom: pushed.rebasedFrom } : {}) };
      const commitSection = { title: 'Commit', text: `${sha}\nrepository ${scope.checkout.repo.url} branch ${scope.checkout.repo.branch}\nShipmate-Request: ${ctx.requestId}`, preformatted: true };
      const watched = await watchCommit(deps, ctx, clients, owner, sha);
      if (watched.state === 'healthy') return result('succeeded', `commit ${sha} deployed: ${describeOwner(owner)} ${watched.detail}`, { facts, sections: [commitSection] });
      if (!spec.autoRevert) return result('failed', `commit ${sha}: ${describeOwner(owner)} ${watched.detail}`, { facts, sections: [commitSection] });
      return autoRevert(deps, ctx, { scope, owner, clients, sha, detail: watched.detail, facts, commitSection, who });
    },
  };
}
