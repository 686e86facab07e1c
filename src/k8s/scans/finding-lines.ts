import type { ResultItem } from '../../core/plan.js';
import { describeFinding, sortFindings, type Finding } from './finding.js';

/** Findings as marked plain-text items, critical first; slack/views adds emoji and escaping. */
export function findingItems(findings: readonly Finding[]): ResultItem[] {
  return sortFindings(findings).map((f) => ({ mark: f.severity === 'critical' ? 'critical' : 'warning', text: describeFinding(f) }));
}

/** Plain-text lines for file attachments (no emoji codes). */
export function findingPlainLines(findings: readonly Finding[]): string[] {
  return sortFindings(findings).map((f) => `${f.severity.toUpperCase().padEnd(8)} ${describeFinding(f)}`);
}

/** Slack rejects section text over 3,000 characters; stay clear of it with room for a heading. */
export const SECTION_CHAR_BUDGET = 2_800;
/** What a rendered line adds to an item's text (bullet, emoji code, escaping slack). */
const LINE_OVERHEAD = 30;

/**
 * The items that fit in one message section (by count and by characters). `hidden` > 0 means
 * the caller must attach the full list; the view says so under the shown items.
 */
export function fitItems<T extends { text: string }>(items: readonly T[], maxLines: number, maxChars = SECTION_CHAR_BUDGET): { shown: T[]; hidden: number } {
  const shown: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = item.text.length + LINE_OVERHEAD;
    if (shown.length >= maxLines || used + size > maxChars - 60) break;
    shown.push(item);
    used += size;
  }
  return { shown, hidden: items.length - shown.length };
}
