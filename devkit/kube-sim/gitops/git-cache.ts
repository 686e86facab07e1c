import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { git, mustGit } from '../../git-server/git.js';

const SHA = /^[0-9a-f]{7,40}$/;

function short(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** How a revision was asked for; Flux names its artifact revision after it. */
export interface Resolved {
  sha: string;
  /** `main`, `v1.2.0`, `HEAD` or the sha itself. */
  name: string;
}

/**
 * The repo-server's clone cache: one bare mirror per repository URL, fetched with the git binary
 * (argv arrays only) and one read-only worktree per commit. Every operation on one repository is
 * serialised, as a real repo-server locks its clone.
 */
export class GitCache {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** When the last fetch of each URL started: a caller queued behind it needs no fetch of its own. */
  private readonly fetchStarted = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly timeoutMs = 20_000,
  ) {}

  private locked<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(url) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.locks.set(
      url,
      next.catch(() => undefined),
    );
    return next;
  }

  private mirror(url: string): string {
    return join(this.root, 'mirrors', `${short(url)}.git`);
  }

  private async fetch(url: string): Promise<string> {
    if (!/^(https?|file):\/\//.test(url)) throw new Error(`repository URL must be http(s):// or file://, got "${url}"`);
    this.fetchStarted.set(url, Date.now());
    const dir = this.mirror(url);
    try {
      if (!(await exists(dir))) {
        await mkdir(join(this.root, 'mirrors'), { recursive: true });
        await mustGit(['clone', '--quiet', '--mirror', url, dir], { timeoutMs: this.timeoutMs });
      } else {
        await mustGit(['--git-dir', dir, 'fetch', '--quiet', '--prune', '--force', 'origin'], { timeoutMs: this.timeoutMs });
      }
    } catch (err) {
      this.fetchStarted.delete(url);
      throw err;
    }
    return dir;
  }

  /** Fetch, then turn a branch, tag, `HEAD` or (abbreviated) sha into a full commit sha. */
  resolve(url: string, revision: string): Promise<Resolved> {
    const askedAt = Date.now();
    return this.locked(url, async () => {
      // A fetch that started after this call was made has seen every push before it: reuse it.
      const fresh = (this.fetchStarted.get(url) ?? -1) >= askedAt && (await exists(this.mirror(url)));
      const dir = fresh ? this.mirror(url) : await this.fetch(url);
      const name = revision || 'HEAD';
      const candidates = name === 'HEAD' ? ['HEAD'] : [`refs/heads/${name}`, `refs/tags/${name}`, ...(SHA.test(name) || name.startsWith('refs/') ? [name] : [])];
      for (const ref of candidates) {
        const r = await git(['--git-dir', dir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
        if (r.code === 0) return { sha: r.stdout.trim(), name };
      }
      throw new Error(`unable to resolve '${name}' to a commit SHA`);
    });
  }

  /** A checkout of one commit (kept for the life of the cache; commits never change). */
  checkout(url: string, sha: string): Promise<string> {
    if (!/^[0-9a-f]{40}$/.test(sha)) return Promise.reject(new Error(`not a full commit sha: "${sha}"`));
    return this.locked(url, async () => {
      const target = join(this.root, 'checkouts', short(url), sha);
      if (await exists(target)) return target;
      let dir = this.mirror(url);
      if (!(await exists(dir))) dir = await this.fetch(url);
      const has = await git(['--git-dir', dir, 'cat-file', '-e', `${sha}^{commit}`]);
      if (has.code !== 0) await this.fetch(url);
      await mkdir(join(this.root, 'checkouts', short(url)), { recursive: true });
      await mustGit(['--git-dir', dir, 'worktree', 'add', '--quiet', '--detach', target, sha]);
      return target;
    });
  }
}
