/**
 * A person's Slack handle, as Shipmate keeps it next to their user id. Slack sends it with every
 * request (`user_name`, `user.username`), but it is a display string the user controls and it ends
 * up in Kubernetes annotations and plain-text records, so only a short, safe form is kept.
 */

/** Slack's own handles are far shorter; the cap keeps a hostile one from swelling an annotation. */
export const HANDLE_MAX = 40;

// Letters, digits and `.`, `_`, `-` (what Slack allows in usernames); anything else becomes `-`.
const UNSAFE = /[^A-Za-z0-9._-]+/g;
const EDGES = /^[-._]+|[-._]+$/g;

/** The safe form of a handle, or undefined when nothing usable is left (callers fall back to the id). */
export function slackHandle(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(UNSAFE, '-').replace(EDGES, '').slice(0, HANDLE_MAX).replace(EDGES, '');
  return clean === '' ? undefined : clean;
}
