import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidError, UnavailableError } from '../core/errors.js';
import type { GitRepoSettings } from './repo-settings.js';
import { GitCommandError, runGit } from './git-exec.js';
import { checkRepoPath } from './repo-path.js';

export type PushOutcome = { ok: true } | { ok: false; reason: string };

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
}

export interface GitTreeOptions {
  dir: string;
  repo: GitRepoSettings;
  /** `refs/remotes/origin/<branch>`: what the tree was reset to. */
  remoteRef: string;
  head: string;
  signal?: AbortSignal | undefined;
}

const SHA = /^[0-9a-f]{7,40}$/;

/**
 * The operations on a fresh working copy. Every ref and path is checked before it reaches git,
 * paths always follow `--`, and git runs with argv arrays (git-exec).
 */
export function createGitTree(o: GitTreeOptions): GitTree {
  const { dir, repo, remoteRef, head, signal } = o;
    const git = (args: string[], input?: string) => runGit(args, { cwd: dir, token: repo.token, baseEnv: repo.env, signal, ...(input !== undefined ? { input } : {}) });
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
    };
    return self;
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
