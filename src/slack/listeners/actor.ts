import { slackHandle } from '../../core/handle.js';

// Slack user ids: U… (workspace) or W… (Enterprise Grid), upper-case letters and digits.
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/**
 * Who sent a payload, or null. A signed payload without a user id cannot be authorized or
 * audited (every audit record names its actor), so callers refuse it before anything else.
 */
export function actorOf(userId: unknown): string | null {
  return typeof userId === 'string' && USER_ID.test(userId) ? userId : null;
}

export const NO_ACTOR_ANSWER = 'Shipmate could not tell who sent this request, so it did nothing.';

/**
 * The sender's handle in safe form, or undefined. Slash commands carry `user_name`; block_actions
 * carry `user.username` (and the older `user.name`). Display only: never used to authorize.
 */
export function handleOf(...candidates: unknown[]): string | undefined {
  for (const c of candidates) {
    const handle = slackHandle(c);
    if (handle) return handle;
  }
  return undefined;
}
