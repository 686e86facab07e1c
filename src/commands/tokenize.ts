import { ArgProblem } from './usage-error.js';

// Slack and phone keyboards turn quotes into typographic ones; treat them as their ASCII pairs.
const OPENERS: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u2018': '\u2019', '\u201e': '\u201c' };

/**
 * Splits `/k8s` text into tokens: whitespace separates, single or double quotes group (no escapes,
 * no expansion: the text is data and never reaches a shell). An unclosed quote is an error.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current: string | null = null;
  let closer: string | null = null;
  for (const ch of text) {
    if (closer !== null) {
      if (ch === closer || (closer === '\u201d' && ch === '"')) closer = null;
      else current += ch;
    } else if (/\s/u.test(ch)) {
      if (current !== null) tokens.push(current);
      current = null;
    } else if (ch in OPENERS) {
      closer = OPENERS[ch]!;
      current ??= '';
    } else {
      current = (current ?? '') + ch;
    }
  }
  if (closer !== null) throw new ArgProblem(`unclosed quote: add the closing ${closer}`);
  if (current !== null) tokens.push(current);
  return tokens;
}
