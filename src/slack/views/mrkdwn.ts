/**
 * The one place text becomes Slack mrkdwn. Slack needs only `&`, `<` and `>` escaped; backticks
 * runs are kept apart (zero-width spaces, also at either end) so foreign text can never open or close a
 * code fence, next to its own backticks or ours. Asterisks and underscores are left as typed.
 * Mentions, channel links and dates are written only by the helpers below, from validated ids.
 */
export function escapeMrkdwn(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const apart = escaped.replace(/``+/g, (run) => run.split('').join(ZWSP));
  return apart.replace(/^`/, `${ZWSP}\``).replace(/`$/, `\`${ZWSP}`);
}

const ZWSP = '\u200b';

/** Cuts `text` to at most `max` characters, ending with `suffix` when something was cut. */
export function truncate(text: string, max: number, suffix = '…'): string {
  if (text.length <= max) return text;
  if (max <= suffix.length) return suffix.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - suffix.length);
  // Never leave half an entity such as `&am` behind: Slack would show it literally.
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  return cut + suffix;
}

const FENCE = '```';

/**
 * A preformatted block holding `raw` (escaped here) in at most `max` characters. Backtick runs
 * inside are broken up so the text cannot close the fence early.
 */
export function codeBlock(raw: string, max: number, note = '… (truncated)'): { text: string; truncated: boolean } {
  const body = escapeMrkdwn(raw.replace(/\n+$/, ''));
  const overhead = FENCE.length * 2 + 2;
  const whole = `${FENCE}\n${body}\n${FENCE}`;
  if (whole.length <= max) return { text: whole, truncated: false };
  const room = Math.max(0, max - overhead - note.length - 1);
  let cut = body.slice(0, room).replace(/&[a-z]{0,4}$/, '');
  // Prefer ending on a whole line: half a diff line reads like a real change.
  const lastNewline = cut.lastIndexOf('\n');
  if (lastNewline > room * 0.5) cut = cut.slice(0, lastNewline);
  return { text: `${FENCE}\n${cut}\n${escapeMrkdwn(note)}\n${FENCE}`, truncated: true };
}

/** Inline code: `raw` escaped, its backticks swapped for a look-alike so the span cannot end early. */
export function inlineCode(raw: string): string {
  return `\`${escapeMrkdwn(raw.replace(/`/g, 'ˋ'))}\``;
}

/** Truncates mrkdwn and re-closes a code fence the cut left open. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max - FENCE.length - 1);
  const fences = cut.split(FENCE).length - 1;
  if (fences % 2 === 1) cut = `${cut}\n${FENCE}`;
  return cut;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/**
 * The one mention helper: `<@U…>` for a user id, `<!subteam^S…>` for a user group, "anyone" for
 * `*`. Anything else is not an id and is shown as escaped text, never as a token.
 */
export function mention(id: string): string {
  if (id === '*') return 'anyone';
  if (USER_ID.test(id)) return `<@${id}>`;
  if (GROUP_ID.test(id)) return `<!subteam^${id}>`;
  return escapeMrkdwn(id);
}

/** `<#C…>` for a channel id; anything else as escaped text. */
export function channelLink(id: string): string {
  return CHANNEL_ID.test(id) ? `<#${id}>` : escapeMrkdwn(id);
}

/** Slack's date token: rendered in the reader's time zone, with the ISO text as fallback. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = new Date(ms).toISOString();
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}
