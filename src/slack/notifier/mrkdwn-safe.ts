/** Slack's own tokens (mentions, channel links, dates, special mentions) that must stay unescaped. */
const SLACK_TOKEN = /<(?:[@#][A-Z0-9]+(?:\|[^<>]*)?|!(?:date\^[^<>]+|here|channel|everyone|subteam\^[A-Z0-9]+(?:\|[^<>]*)?))>/g;

/**
 * Escapes `& < >` in text from jobs (which may carry cluster output such as `<none>` or `a && b`)
 * while keeping the mention and date tokens our own code writes.
 */
export function escapeKeepingTokens(text: string): string {
  const tokens: string[] = [];
  const marked = text.replace(SLACK_TOKEN, (t) => `\uE000${tokens.push(t) - 1}\uE000`);
  const escaped = marked.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/\uE000(\d+)\uE000/g, (_, i: string) => tokens[Number(i)] ?? '');
}
