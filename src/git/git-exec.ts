import { execFile } from 'node:child_process';
import { ShipmateError } from '../core/errors.js';

/** A git command that failed: `stderr` is scrubbed of the credential before it is kept. */
export class GitCommandError extends ShipmateError {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    userMessage: string,
  ) {
    super('unavailable', userMessage, { detail: stderr });
  }
}

export interface GitExecOptions {
  cwd: string;
  /** HTTP basic-auth password for the remote; sent as a header through the environment, never argv. */
  token?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Bytes of stdin (for `git hash-object --stdin`, commit messages). */
  input?: string;
  /** PATH and proxy variables git may see (RuntimeEnv.gitEnv); nothing else of Shipmate's environment. */
  baseEnv?: Record<string, string> | undefined;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

/**
 * The environment git runs in: no user or system config, no prompts, no pager. The token travels
 * as `http.extraHeader` in GIT_CONFIG_* so it is neither in argv (visible to `ps`) nor in any file.
 */
export function gitEnv(token: string | undefined, baseEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    PATH: baseEnv['PATH'] ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'false',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
  };
  if (token !== undefined) {
    env['GIT_CONFIG_COUNT'] = '1';
    env['GIT_CONFIG_KEY_0'] = 'http.extraHeader';
    env['GIT_CONFIG_VALUE_0'] = `Authorization: Basic ${Buffer.from(`shipmate:${token}`).toString('base64')}`;
  }
  return env;
}

/**
 * Removes the credential from git's output. The header form is always removed; the raw token only
 * when it is long enough not to match ordinary text (a one-letter "token" would shred the message).
 */
export function scrub(text: string, token: string | undefined): string {
  if (!token) return text;
  const basic = Buffer.from(`shipmate:${token}`).toString('base64');
  const out = text.split(basic).join('***');
  return token.length >= 8 ? out.split(token).join('***') : out;
}

/** Runs git with an argv array (never a shell). Resolves stdout; rejects with GitCommandError. */
export function runGit(args: readonly string[], opts: GitExecOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      { cwd: opts.cwd, env: gitEnv(opts.token, opts.baseEnv), maxBuffer: MAX_OUTPUT, encoding: 'utf8', ...(opts.signal ? { signal: opts.signal } : {}) },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const text = scrub(String(stderr || err.message), opts.token).trim();
        reject(new GitCommandError(args, text, `git ${args[0] ?? ''} failed: ${text.split('\n').slice(-3).join(' ')}`));
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}
