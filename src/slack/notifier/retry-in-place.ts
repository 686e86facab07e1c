import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryInPlaceOptions {
  /** First pause after a transient failure; doubles each time up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Total time to keep trying before giving the job back to the queue's own backoff. */
  holdMs: number;
  isTransient(err: unknown): boolean;
  onRetry(err: unknown, attempt: number, delayMs: number): void;
  signal: AbortSignal;
}

/**
 * Retries `fn` where it stands instead of letting the queue reschedule it: a rescheduled job
 * would let later messages overtake it, and thread replies must stay in order. Only while the
 * hold time lasts: a message that keeps failing must not stall every channel for ever.
 */
export async function retryInPlace<T>(fn: () => Promise<T>, opts: RetryInPlaceOptions): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = Math.min(opts.maxDelayMs, opts.firstDelayMs * 2 ** (attempt - 1));
      const outOfTime = Date.now() - started + delay > opts.holdMs;
      if (!opts.isTransient(err) || outOfTime || opts.signal.aborted) throw err;
      opts.onRetry(err, attempt, delay);
      try {
        await sleep(delay, undefined, { signal: opts.signal });
      } catch {
        throw err; // shutting down: the queue keeps the job for the next worker
      }
    }
  }
}
