import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { git, mustGit } from './git.js';

export interface GitWorkdirOptions {
  /** Remote URL (with credentials when the workdir will push). */
  remote: string;
  branch?: string;
  author?: { name: string; email: string };
}

/**
 * A scratch clone for seeding and tests: write files, commit, push over smart HTTP. The git
 * binary runs with argv arrays only.
 */
export class GitWorkdir {
  private constructor(
    readonly dir: string,
    private readonly branch: string,
    private readonly author: { name: string; email: string },
  ) {}

  static async clone(opts: GitWorkdirOptions): Promise<GitWorkdir> {
    const dir = await mkdtemp(join(tmpdir(), 'git-workdir-'));
    const branch = opts.branch ?? 'main';
    await mustGit(['clone', '--quiet', opts.remote, dir]);
    // An empty remote has no branch yet: start it.
    const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir });
    if (head.code !== 0) await mustGit(['checkout', '--quiet', '-B', branch], { cwd: dir });
    return new GitWorkdir(dir, branch, opts.author ?? { name: 'kube-sim seed', email: 'seed@kube-sim.invalid' });
  }

  /** Write files relative to the clone's root (paths must stay inside it). */
  async write(files: Record<string, string>): Promise<void> {
    for (const [rel, content] of Object.entries(files)) {
      const path = normalize(rel);
      if (path.startsWith('..') || path.startsWith('/')) throw new Error(`path "${rel}" leaves the working tree`);
      await mkdir(dirname(join(this.dir, path)), { recursive: true });
      await writeFile(join(this.dir, path), content);
    }
  }

  /** Commit everything staged or changed; returns the new commit sha. */
  async commit(message: string): Promise<string> {
    await mustGit(['add', '--all'], { cwd: this.dir });
    const who = ['-c', `user.name=${this.author.name}`, '-c', `user.email=${this.author.email}`];
    await mustGit([...who, 'commit', '--quiet', '--allow-empty', '-m', message], { cwd: this.dir });
    return (await mustGit(['rev-parse', 'HEAD'], { cwd: this.dir })).trim();
  }

  /** Push the branch; resolves with git's result so callers can see a refusal. */
  push(extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
    return git(['push', '--porcelain', ...extra, 'origin', `HEAD:refs/heads/${this.branch}`], { cwd: this.dir });
  }

  async commitAndPush(files: Record<string, string>, message: string): Promise<string> {
    await this.write(files);
    const sha = await this.commit(message);
    const r = await this.push();
    if (r.code !== 0) throw new Error(`git push failed: ${r.stderr.trim() || r.stdout.trim()}`);
    return sha;
  }

  run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return git(args, { cwd: this.dir });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
