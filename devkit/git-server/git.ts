import { execFile } from 'node:child_process';

/** Where Debian's git package puts the smart-HTTP CGI program. */
export const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment every git child runs with: no system or user config (a developer's ~/.gitconfig
 * must not change what the simulation does), never a credential prompt.
 */
export function isolatedGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    ...extra,
  };
}

/** Run git with an argv array (never a shell); resolves with the exit code instead of throwing. */
export function git(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; input?: string } = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      args,
      { cwd: opts.cwd, env: isolatedGitEnv(opts.env), timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Like git() but rejects with git's own stderr when the command fails. */
export async function mustGit(args: string[], opts: Parameters<typeof git>[1] = {}): Promise<string> {
  const r = await git(args, opts);
  if (r.code !== 0) throw new Error(`git ${args[0] ?? ''} failed (${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}
