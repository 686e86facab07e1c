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
