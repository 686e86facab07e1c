import { ConflictError, TargetChangedError } from '../core/errors.js';
import type { GitCheckout, GitTree } from './git-checkout.js';

export const REPO_CHANGED = 'the GitOps repository changed since it was approved';

/** What an approval is bound to: the branch head and the content id of the path the change edits. */
export interface GitBinding {
  head: string;
  /** Blob (a file) or tree (an app directory) id of `path` at `head`. */
  pathId: string;
  path: string;
}

/**
 * Whether an approved change may still land: same head, or a newer head where `path` has exactly
 * the approved content (a clean rebase of a change to that path). Otherwise the repository-changed
 * error, naming the commit that touched the path.
 */
export async function checkBinding(tree: GitTree, bound: GitBinding): Promise<'same' | 'rebase'> {
  if (tree.head === bound.head) return 'same';
  if ((await tree.objectId(tree.head, bound.path)) === bound.pathId) return 'rebase';
  const by = await tree.lastCommitTouching(bound.path);
  const info = by ? await tree.commitInfo(by) : undefined;
  throw new TargetChangedError(`${REPO_CHANGED}: ${bound.path} was changed${info ? ` by ${info.sha.slice(0, 12)} "${info.subject}" (${info.author})` : ''}; please make a new request`);
}

export interface BoundCommitResult {
  sha: string;
  /** The approved head, when the change was re-applied onto a newer head. */
  rebasedFrom?: string;
  attempts: number;
}

const MAX_ATTEMPTS = 4;

/**
 * Applies, commits and pushes a change bound to an approval. A push that loses a race is retried by
 * re-reading the branch and re-checking the binding, never by force.
 */
export async function boundCommit(
  checkout: GitCheckout,
  bound: GitBinding,
  change: { apply(tree: GitTree): Promise<void>; message: string },
  signal?: AbortSignal,
): Promise<BoundCommitResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const out = await checkout.withFreshTree(async (tree) => {
      const how = await checkBinding(tree, bound);
      await change.apply(tree);
      const sha = await tree.commit(change.message);
      const pushed = await tree.push();
      if (!pushed.ok) return undefined;
      return { sha, attempts: attempt, ...(how === 'rebase' ? { rebasedFrom: bound.head } : {}) };
    }, signal);
    if (out) return out;
  }
  throw new ConflictError(`GitOps repository ${checkout.repo.name}: the push lost the race ${MAX_ATTEMPTS} times; nothing was forced, please retry`);
}
