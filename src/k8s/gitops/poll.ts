import { TimeoutError } from '../../core/errors.js';
import { sleep } from '../client/retry.js';

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** What was awaited, for the timeout message. */
  what: string;
}

/**
 * Re-reads until `check` returns a value. The GitOps objects are watched by polling: their status
 * is written by another controller, and one GET per interval is all a sync needs.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, opts: PollOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new TimeoutError(`${opts.what} did not happen within ${Math.round(opts.timeoutMs / 1000)} s`);
    await sleep(opts.intervalMs, opts.signal);
  }
}
