import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidError, UnavailableError } from '../core/errors.js';
import { GitCommandError, runGit } from './git-exec.js';
import { checkRepoPath } from './repo-path.js';

/** One configured GitOps repository, as the git layer needs it (main.ts maps config onto it). */
export interface GitRepoSettings {
  name: string;
  url: string;
  branch: string;
  /** `Name <email>` of Shipmate's commits. */
  author: string;
  token?: string | undefined;
}

export type PushOutcome = { ok: true } | { ok: false; reason: string };

/**
 * A private working copy of one repository in the cache dir. Calls are serialised in-process
 * (one working tree); across replicas the per-(repo, path) lock and git's fast-forward-only
 * pushes keep changes apart.
 */
export interface GitCheckout {
  readonly repo: GitRepoSettings;
  /** Runs `fn` alone on the working copy, after fetching the branch and resetting to its head. */
  withFreshTree<T>(fn: (tree: GitTree) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** The working copy, reset to the remote branch head, inside `withFreshTree`. */
export interface GitTree {
  readonly head: string;
  readFile(path: string): Promise<string | undefined>;
  writeFile(path: string, text: string): Promise<void>;
  isDirectory(path: string): Promise<boolean>;
  /** The blob or tree id of `path` at `rev` ('' when absent). */
  objectId(rev: string, path: string): Promise<string>;
  showAt(rev: string, path: string): Promise<string | undefined>;
  diff(path: string): Promise<string>;
  lastCommitTouching(path: string): Promise<string | undefined>;
  commitInfo(sha: string): Promise<{ sha: string; subject: string; author: string; date: string }>;
  isAncestor(sha: string): Promise<boolean>;
  /** `git revert --no-edit` of `sha` without committing; false when it does not apply cleanly. */
  revertNoCommit(sha: string): Promise<boolean>;
  /** The path's content at that commit, staged; files the commit did not have are removed (no overlay). */
  restorePath(sha: string, path: string): Promise<void>;
  /** The first parent of a commit, or undefined for a root commit. */
  parentOf(sha: string): Promise<string | undefined>;
  commit(message: string): Promise<string>;
  /** Fast-forward push only (never forced); a rejection is an outcome, not an error. */
  push(): Promise<PushOutcome>;
  /** Authenticates a push without sending anything (`push --dry-run`). */
  checkPushAccess(): Promise<void>;
  /** Fetches again and resets to the new head; returns it. */
  refresh(): Promise<string>;
}

export interface GitCheckoutOptions {
  repo: GitRepoSettings;
  cacheDir: string;
}

const SHA = /^[0-9a-f]{7,40}$/;

export function createGitCheckout(opts: GitCheckoutOptions): GitCheckout {
  const { repo } = opts;
  const dir = join(opts.cacheDir, repo.name);
  const remoteRef = `refs/remotes/origin/${repo.branch}`;
  let chain: Promise<unknown> = Promise.resolve();

  async function fetchAndReset(signal?: AbortSignal): Promise<string> {
    const git = (args: string[]) => runGit(args, { cwd: dir, token: repo.token, signal });
    const exists = await stat(join(dir, '.git')).then(() => true, () => false);
    if (!exists) {
      await mkdir(dir, { recursive: true });
      await git(['init', '--quiet']);
      await git(['remote', 'add', 'origin', '--', repo.url]);
    }
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

  function tree(head: string, signal?: AbortSignal): GitTree {
    const git = (args: string[], input?: string) => runGit(args, { cwd: dir, token: repo.token, signal, ...(input !== undefined ? { input } : {}) });
    const [authorName = 'Shipmate', authorEmail = 'shipmate@localhost'] = repo.author.replace(/>$/, '').split(' <');
    const self: GitTree = {
      head,
      readFile: async (p) => readFile(join(dir, checkRepoPath(p)), 'utf8').catch(() => undefined),
      writeFile: async (p, text) => writeFile(join(dir, checkRepoPath(p)), text),
      isDirectory: async (p) => stat(join(dir, checkRepoPath(p))).then((s) => s.isDirectory(), () => false),
      objectId: async (rev, p) => (await git(['rev-parse', '--verify', '--quiet', `${checkRev(rev)}:${checkRepoPath(p)}`]).catch(() => '')).trim(),
      showAt: async (rev, p) => git(['cat-file', 'blob', `${checkRev(rev)}:${checkRepoPath(p)}`]).catch(() => undefined),
      diff: async (p) => git(['diff', '--no-color', '--no-ext-diff', 'HEAD', '--', checkRepoPath(p)]),
      lastCommitTouching: async (p) => (await git(['log', '-1', '--format=%H', remoteRef, '--', checkRepoPath(p)])).trim() || undefined,
      async commitInfo(sha) {
        const out = await git(['show', '-s', '--format=%H%n%s%n%an%n%cI', checkRev(sha), '--']);
        const [full = sha, subject = '', author = '', date = ''] = out.split('\n');
        return { sha: full, subject, author, date };
      },
      isAncestor: async (sha) => git(['merge-base', '--is-ancestor', checkRev(sha), remoteRef]).then(() => true, () => false),
      async revertNoCommit(sha) {
        try {
          await git(['revert', '--no-commit', '--no-edit', checkRev(sha)]);
          return true;
        } catch {
          await git(['revert', '--abort']).catch(() => undefined);
          return false;
        }
      },
      async restorePath(sha, p) {
        if (await self.objectId(sha, p)) await git(['checkout', '--no-overlay', checkRev(sha), '--', checkRepoPath(p)]);
        else await git(['rm', '-r', '--quiet', '--ignore-unmatch', '--', checkRepoPath(p)]);
      },
      parentOf: async (sha) => (await git(['rev-parse', '--verify', '--quiet', `${checkRev(sha)}^1`]).catch(() => '')).trim() || undefined,
      async commit(message) {
        await git(['add', '--all']);
        await git(['-c', `user.name=${authorName}`, '-c', `user.email=${authorEmail}`, 'commit', '--quiet', '--no-verify', '-F', '-'], message);
        return (await git(['rev-parse', 'HEAD'])).trim();
      },
      async push() {
        try {
          // No '+' and no --force: the server (and git) accept fast-forwards only.
          await git(['push', '--porcelain', 'origin', `HEAD:refs/heads/${repo.branch}`]);
          return { ok: true };
        } catch (err) {
          const text = err instanceof GitCommandError ? err.stderr : String(err);
          if (/rejected|non-fast-forward|fetch first/.test(text)) return { ok: false, reason: text.split('\n').find((l) => /rejected/.test(l))?.trim() ?? 'rejected' };
          throw pushError(repo, text);
        }
      },
      async checkPushAccess() {
        await git(['push', '--dry-run', '--porcelain', 'origin', `${remoteRef}:refs/heads/${repo.branch}`]).catch((err: unknown) => {
          throw pushError(repo, err instanceof GitCommandError ? err.stderr : String(err));
        });
      },
      refresh: () => fetchAndReset(signal),
    };
    return self;
  }

  return {
    repo,
    withFreshTree(fn, signal) {
      const run = chain.then(async () => fn(tree(await fetchAndReset(signal), signal)));
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

function checkRev(rev: string): string {
  if (!SHA.test(rev) && !/^refs\/remotes\/origin\/[A-Za-z0-9._/-]+$/.test(rev) && rev !== 'HEAD') throw new InvalidError(`"${rev.slice(0, 60)}" is not a commit sha (7–40 hex digits)`);
  return rev;
}

function pushError(repo: GitRepoSettings, text: string): UnavailableError {
  const auth = /Authentication failed|401|403|could not read Username/i.test(text);
  const why = auth ? `the token in the environment was refused (check the variable named by gitops.repos.${repo.name}.auth.tokenEnv)` : text.split('\n').slice(-2).join(' ');
  return new UnavailableError(`cannot push to GitOps repository ${repo.name} (${repo.url}): ${why}`);
}
