import { ErrorCode, SlackError, WebAPIHTTPError, WebAPIPlatformError } from '@slack/web-api';

/** Platform errors that a later attempt can fix; every other `ok:false` answer will not change. */
const TRANSIENT_PLATFORM_ERRORS: ReadonlySet<string> = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Block payloads Slack refused: worth one retry as plain text rather than losing the message. */
const BLOCK_ERRORS: ReadonlySet<string> = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_blocks_too_long', 'msg_too_long']);

/**
 * Whether retrying can help. Network trouble, 5xx and rate limits are transient; a platform
 * answer like `channel_not_found` or `not_in_channel` is not, and retrying it would only hold up
 * the ordered queue behind it.
 */
export function isTransientSlackError(err: unknown): boolean {
  if (err instanceof WebAPIPlatformError) return TRANSIENT_PLATFORM_ERRORS.has(err.data.error);
  if (err instanceof WebAPIHTTPError) return err.statusCode >= 500 || err.statusCode === 429;
  if (err instanceof SlackError) {
    return err.code === ErrorCode.RequestError || err.code === ErrorCode.RateLimitedError;
  }
  // Anything else (fetch failures surfaced oddly, Redis hiccups while delivering) may pass.
  return true;
}

export function isRateLimited(err: unknown): boolean {
  return (
    (err instanceof SlackError && err.code === ErrorCode.RateLimitedError) ||
    (err instanceof WebAPIPlatformError && TRANSIENT_PLATFORM_ERRORS.has(err.data.error) && err.data.error.includes('rate'))
  );
}

export function isBlockError(err: unknown): boolean {
  return err instanceof WebAPIPlatformError && BLOCK_ERRORS.has(err.data.error);
}

/** Whether Slack said the message is pinned already: a pin retried after a lost answer is done. */
export function isAlreadyPinned(err: unknown): boolean {
  return err instanceof WebAPIPlatformError && err.data.error === 'already_pinned';
}

/** A short description for logs, without request bodies (which may carry message text). */
export function describeSlackError(err: unknown): string {
  if (err instanceof WebAPIPlatformError) {
    // missing_scope names the scope the app lacks: the operator's fix is in the app's manifest.
    const needed = (err.data as { needed?: unknown }).needed;
    return `slack error ${err.data.error}${typeof needed === 'string' && needed !== '' ? ` (needs ${needed})` : ''}`;
  }
  if (err instanceof WebAPIHTTPError) return `slack http ${err.statusCode}`;
  if (err instanceof Error) return err.message;
  return String(err);
}
