/**
 * Text helpers for Slack mrkdwn. Slack only needs `&`, `<` and `>` escaped; everything else
 * (asterisks, underscores) is left alone so user text is shown as typed.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

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
  const body = escapeMrkdwn(raw.replace(/```/g, '`\u200b`\u200b`')).replace(/\n+$/, '');
  const overhead = FENCE.length * 2 + 2;
  const whole = `${FENCE}\n${body}\n${FENCE}`;
  if (whole.length <= max) return { text: whole, truncated: false };
  const room = Math.max(0, max - overhead - note.length - 1);
  let cut = body.slice(0, room).replace(/&[a-z]{0,4}$/, '');
  // Prefer ending on a whole line: half a diff line reads like a real change.
  const lastNewline = cut.lastIndexOf('\n');
  if (lastNewline > room * 0.5) cut = cut.slice(0, lastNewline);
  return { text: `${FENCE}\n${cut}\n${note}\n${FENCE}`, truncated: true };
}

/** Truncates mrkdwn and re-closes a code fence the cut left open. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max - FENCE.length - 1);
  const fences = cut.split(FENCE).length - 1;
  if (fences % 2 === 1) cut = `${cut}\n${FENCE}`;
  return cut;
}

/** `<@U123>` for a user id. */
export function mention(userId: string): string {
  return `<@${userId}>`;
}

/** Slack's date token: rendered in the reader's time zone, with the ISO text as fallback. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`;
}
