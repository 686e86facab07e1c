import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UnavailableError } from '../core/errors.js';
import { fetchCommit, withWorktree } from './commit-worktree.js';
import { GitCommandError, runGit } from './git-exec.js';
import { createGitTree, type GitTree } from './git-tree.js';
import type { GitRepoSettings } from './repo-settings.js';

export type { GitTree };
export type { GitRepoSettings };

/**
 * A private working copy of one repository in the cache dir. Calls are serialised in-process
 * (one working tree); across replicas the per-(repo, path) lock and git's fast-forward-only
 * pushes keep changes apart.
 */
export interface GitCheckout {
  readonly repo: GitRepoSettings;
  /** Runs `fn` alone on the working copy, after fetching the branch and resetting to its head. */
  withFreshTree<T>(fn: (tree: GitTree) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * Runs `fn` on the files of one commit (fetched by id when missing: it need not be on the
   * configured branch), in a detached worktree beside the working copy that is removed afterwards.
   */
  withCommit<T>(sha: string, fn: (dir: string) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface GitCheckoutOptions {
  repo: GitRepoSettings;
  cacheDir: string;
}

export function createGitCheckout(opts: GitCheckoutOptions): GitCheckout {
  const { repo } = opts;
  const dir = join(opts.cacheDir, repo.name);
  const remoteRef = `refs/remotes/origin/${repo.branch}`;
  let chain: Promise<unknown> = Promise.resolve();

  const gitIn = (signal?: AbortSignal) => (args: string[]) => runGit(args, { cwd: dir, token: repo.token, baseEnv: repo.env, signal });

  async function ensureRepo(git: (args: string[]) => Promise<string>): Promise<void> {
    if (await stat(join(dir, '.git')).then(() => true, () => false)) return;
    await mkdir(dir, { recursive: true });
    await git(['init', '--quiet']);
    await git(['remote', 'add', 'origin', '--', repo.url]);
  }

  async function fetchAndReset(signal?: AbortSignal): Promise<string> {
    const git = gitIn(signal);
    await ensureRepo(git);
    try {
      await git(['fetch', '--quiet', '--no-tags', 'origin', '--', `+refs/heads/${repo.branch}:${remoteRef}`]);
    } catch (err) {
      const detail = err instanceof GitCommandError ? err.stderr.split('\n').slice(-2).join(' ') : String(err);
      throw new UnavailableError(`GitOps repository ${repo.name} (${repo.url}, branch ${repo.branch}) could not be read: ${detail}`);
    }
    await git(['checkout', '--quiet', '--force', '-B', 'shipmate-work', remoteRef]);
    await git(['clean', '-fdxq']);
    return (await git(['rev-parse', remoteRef])).trim();
  }

  return {
    repo,
    withFreshTree(fn, signal) {
      const run = chain.then(async () => fn(createGitTree({ dir, repo, remoteRef, head: await fetchAndReset(signal), signal })));
      chain = run.catch(() => undefined);
      return run;
    },
    withCommit(sha, fn, signal) {
      const run = chain.then(async () => {
        const git = gitIn(signal);
        await ensureRepo(git);
        await fetchCommit(git, repo, sha);
        return withWorktree(git, join(opts.cacheDir, '.commits', repo.name, sha), sha, fn);
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}
