import { WebAPIPlatformError, WebAPIRequestError, WebAPIHTTPError, WebAPIRateLimitedError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { retryInPlace } from '../../../../src/slack/notifier/retry-in-place.js';
import { isBlockError, isRateLimited, isTransientSlackError } from '../../../../src/slack/notifier/slack-errors.js';

const platform = (error: string): WebAPIPlatformError => new WebAPIPlatformError({ ok: false, error });

describe('Slack error classification', () => {
  it('retries network trouble, 5xx and rate limits', () => {
    expect(isTransientSlackError(new WebAPIRequestError(new Error('ECONNREFUSED')))).toBe(true);
    expect(isTransientSlackError(new WebAPIHTTPError(503, 'Service Unavailable', {}, ''))).toBe(true);
    expect(isTransientSlackError(new WebAPIRateLimitedError(3))).toBe(true);
    expect(isTransientSlackError(platform('internal_error'))).toBe(true);
    expect(isRateLimited(new WebAPIRateLimitedError(3))).toBe(true);
  });

  it('does not retry answers that will not change', () => {
    expect(isTransientSlackError(platform('channel_not_found'))).toBe(false);
    expect(isTransientSlackError(platform('invalid_blocks'))).toBe(false);
    expect(isTransientSlackError(new WebAPIHTTPError(400, 'Bad Request', {}, ''))).toBe(false);
    expect(isBlockError(platform('invalid_blocks'))).toBe(true);
    expect(isBlockError(platform('channel_not_found'))).toBe(false);
  });
});

describe('retryInPlace', () => {
  const base = { firstDelayMs: 1, maxDelayMs: 4, holdMs: 1000, onRetry: () => undefined };

  it('retries transient failures until the call succeeds', async () => {
    let calls = 0;
    const result = await retryInPlace(
      async () => {
        calls += 1;
        if (calls < 4) throw new Error('flaky');
        return 'ok';
      },
      { ...base, isTransient: () => true, signal: new AbortController().signal },
    );
    expect([result, calls]).toEqual(['ok', 4]);
  });

  it('gives up at once on a permanent failure', async () => {
    let calls = 0;
    const attempt = retryInPlace(
      async () => {
        calls += 1;
        throw new Error('permanent');
      },
      { ...base, isTransient: () => false, signal: new AbortController().signal },
    );
    await expect(attempt).rejects.toThrow('permanent');
    expect(calls).toBe(1);
  });

  it('gives the job back when the hold time is spent or on shutdown', async () => {
    const always = async (): Promise<never> => {
      throw new Error('down');
    };
    await expect(retryInPlace(always, { ...base, holdMs: 10, isTransient: () => true, signal: new AbortController().signal })).rejects.toThrow('down');
    const closing = new AbortController();
    closing.abort();
    await expect(retryInPlace(always, { ...base, isTransient: () => true, signal: closing.signal })).rejects.toThrow('down');
  });
});
