import { execFile } from 'node:child_process';
import { CancelledError, UnavailableError } from '../../core/errors.js';

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  env?: NodeJS.ProcessEnv | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** The answer when the binary is not there (which variable names it). */
  notFound: string;
  /** The answer when the request is cancelled while the tool runs. */
  cancelled: string;
  /** The caller's wording of any other failure, from the tool's stderr. */
  failed: (stderr: string, err: Error) => Error;
}

/**
 * Runs one of the binaries Shipmate drives (helm, kubectl kustomize): argv only, never a shell, the
 * environment the caller chose, a timeout, cancellation with the request. A missing binary is
 * unavailable (not retried), a cancel is a cancel, and everything else is the caller's to word.
 */
export function runTool(path: string, args: readonly string[], opts: RunToolOptions): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    execFile(path, [...args], { timeout: opts.timeoutMs, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8', ...(opts.env ? { env: opts.env } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, stderr });
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new UnavailableError(opts.notFound, { cause: err, retryable: false }));
      if (err.name === 'AbortError') return reject(new CancelledError(opts.cancelled, { cause: err }));
      reject(opts.failed(String(stderr), err));
    });
  });
}
