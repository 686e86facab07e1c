import { InvalidError } from '../../core/errors.js';
import type { Plan } from '../../core/plan.js';
import type { GitTree } from '../../git/index.js';
import type { GitScope } from './gitops-git-deps.js';
import type { GitChangeSpec, PreparedGitChange } from './gitops-change-operation.js';

const SHA = /^[0-9a-f]{7,40}$/;

/** `--to <sha>`: the path's content at that commit, as a new commit. */
async function restoreTo(tree: GitTree, scope: GitScope, to: string, app: string, env: string): Promise<PreparedGitChange> {
  if (!SHA.test(to) || !(await tree.isAncestor(to))) throw new InvalidError(`${to} is not a commit on ${scope.checkout.repo.branch} of ${scope.app.repoName}; see /k8s history ${app} ${env}`);
  const info = await tree.commitInfo(to);
  const same = (await tree.objectId(info.sha, scope.app.path)) === (await tree.objectId(tree.head, scope.app.path));
  return {
    summary: `commit to ${scope.app.repoName}: restore ${scope.app.path} to its content at ${info.sha.slice(0, 12)} "${info.subject}"`,
    subject: `${app} ${env}: restore ${scope.app.path} to ${info.sha.slice(0, 12)}`,
    body: `Restores ${scope.app.path} to its content at commit ${info.sha} ("${info.subject}").`,
    boundPath: scope.app.path,
    diffPath: scope.app.path,
    noop: same,
    facts: { restoreTo: info.sha },
    apply: (t) => t.restorePath(info.sha, scope.app.path),
  };
}

/** The last commit that changed the path, undone for that path only (a commit touching other apps leaves them alone). */
async function revertLast(tree: GitTree, scope: GitScope, app: string, env: string, approved?: Plan): Promise<PreparedGitChange> {
  const pinned = approved?.facts['revertOf'];
  const last = typeof pinned === 'string' ? pinned : await tree.lastCommitTouching(scope.app.path);
  if (!last) throw new InvalidError(`no commit has changed ${scope.app.path} in ${scope.app.repoName}; nothing to revert`);
  const info = await tree.commitInfo(last);
  const parent = await tree.parentOf(info.sha);
  if (!parent) throw new InvalidError(`${info.sha.slice(0, 12)} is the first commit of ${scope.app.repoName}; there is nothing before it to return to`);
  return {
    summary: `commit to ${scope.app.repoName}: revert ${info.sha.slice(0, 12)} "${info.subject}" (${info.author}) for ${scope.app.path}`,
    subject: `Revert "${info.subject}" for ${app} ${env}`,
    body: `This reverts commit ${info.sha} for ${scope.app.path}.`,
    boundPath: scope.app.path,
    diffPath: scope.app.path,
    noop: false,
    facts: { revertOf: info.sha },
    apply: (t) => t.restorePath(parent, scope.app.path),
  };
}

/** `rollback <app> <env>` with strategy revert (the default once the app has a GitOps repository). */
export const gitRevertSpec: GitChangeSpec = {
  command: 'rollback',
  autoRevert: false,
  async prepare(tree, scope, ctx, approved) {
    const inv = ctx.invocation;
    if (inv.command !== 'rollback') throw new InvalidError('not a rollback');
    if (inv.toRevision !== undefined && inv.toSha === undefined) {
      throw new InvalidError(`${inv.app} rolls back by Git revert: --to takes a commit sha (see /k8s history ${inv.app} ${inv.env}), not a revision number`);
    }
    return inv.toSha !== undefined ? restoreTo(tree, scope, inv.toSha, inv.app, inv.env) : revertLast(tree, scope, inv.app, inv.env, approved);
  },
};
