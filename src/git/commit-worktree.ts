import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidError, UnavailableError } from '../core/errors.js';
import { GitCommandError } from './git-exec.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

type Git = (args: string[]) => Promise<string>;

const hasCommit = (git: Git, sha: string): Promise<boolean> => git(['cat-file', '-e', `${sha}^{commit}`]).then(() => true, () => false);

function fetchError(repoName: string, url: string, err: unknown): UnavailableError {
  const detail = err instanceof GitCommandError ? err.stderr.split('\n').slice(-2).join(' ') : String(err);
  return new UnavailableError(`GitOps repository ${repoName} (${url}) could not be read: ${detail}`);
}

/**
 * Makes `sha` present in the local repository: asked for by id first (protocol v2 servers answer
 * it), else every branch and tag is fetched (servers that only serve ref tips). A commit the
 * remote does not have is an InvalidError; an unreachable remote an UnavailableError.
 */
export async function fetchCommit(git: Git, repo: { name: string; url: string }, sha: string): Promise<void> {
  if (!FULL_SHA.test(sha)) throw new InvalidError(`"${sha.slice(0, 60)}" is not a full commit sha`);
  if (await hasCommit(git, sha)) return;
  try {
    await git(['fetch', '--quiet', '--no-tags', 'origin', '--', sha]);
  } catch (byId) {
    try {
      await git(['fetch', '--quiet', '--no-tags', 'origin', '--', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*']);
    } catch (all) {
      // Both failed: the remote itself is the problem (the by-id error would only say "not our ref").
      throw fetchError(repo.name, repo.url, all ?? byId);
    }
  }
  if (!(await hasCommit(git, sha))) throw new InvalidError(`GitOps repository ${repo.name} (${repo.url}) has no commit ${sha.slice(0, 12)}`);
}

/**
 * A detached, read-only-by-convention worktree of `sha` at `path` for the duration of `fn`, removed
 * afterwards. It lives outside the working copy, so the working copy's `clean` never touches it.
 */
export async function withWorktree<T>(git: Git, path: string, sha: string, fn: (dir: string) => Promise<T>): Promise<T> {
  await git(['worktree', 'prune']);
  await rm(path, { recursive: true, force: true });
  await mkdir(join(path, '..'), { recursive: true });
  await git(['worktree', 'add', '--quiet', '--detach', '--force', '--', path, sha]);
  try {
    return await fn(path);
  } finally {
    await git(['worktree', 'remove', '--force', '--', path]).catch(() => rm(path, { recursive: true, force: true }));
  }
}
