import {
  CancelledError,
  ConflictError,
  ShipmateError,
  TimeoutError,
  UnavailableError,
} from '../../core/errors.js';

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** Base backoff for 5xx/timeouts; doubled each attempt. Conflicts retry at once (the fn re-reads). */
  baseMs: number;
  signal?: AbortSignal;
}

/**
 * Runs `fn` (a whole read-modify-write, so a retry re-GETs) and retries ShipmateErrors marked
 * retryable: conflicts at once like kubectl, server errors and timeouts after a backoff. When the
 * attempts run out the last error is rethrown with a message that says so.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new CancelledError();
    try {
      return await fn(attempt);
    } catch (err) {
      if (!(err instanceof ShipmateError) || !err.retryable || err instanceof CancelledError) throw err;
      if (attempt >= options.retries) throw gaveUp(err, attempt + 1);
      if (!(err instanceof ConflictError)) await sleep(options.baseMs * 2 ** attempt, options.signal);
    }
  }
}

function gaveUp(err: ShipmateError, attempts: number): ShipmateError {
  const message = `${err.userMessage}; gave up after ${attempts} attempts`;
  if (err instanceof ConflictError) return new ConflictError(message, { cause: err, retryable: false });
  if (err instanceof TimeoutError) return new TimeoutError(message, { cause: err });
  if (err instanceof UnavailableError) return new UnavailableError(message, { cause: err });
  return err;
}

/** A sleep that ends early with CancelledError when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
