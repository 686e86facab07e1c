import type { ResultItem, ResultSection } from '../../core/plan.js';
import { codeBlock, escapeMrkdwn } from './mrkdwn.js';

const MARK: Record<ResultItem['mark'], string> = {
  critical: ':red_circle:',
  warning: ':large_yellow_circle:',
  resolved: ':white_check_mark:',
  note: '',
};

/** One marked line as mrkdwn: a bullet with its emoji, notes in italics. */
export function itemLine(item: ResultItem): string {
  return item.mark === 'note' ? `_${escapeMrkdwn(item.text)}_` : `• ${MARK[item.mark]} ${escapeMrkdwn(item.text)}`;
}

/** The marked lines plus a pointer to the attached file for the `hidden` rest. */
export function itemLines(items: readonly ResultItem[], hidden = 0): string[] {
  const lines = items.map(itemLine);
  if (hidden > 0) lines.push(`…and ${hidden} more in the attached file`);
  return lines;
}

/** A section's body as mrkdwn (no title): its text (a code block when preformatted), then its items. */
export function sectionBody(s: ResultSection, max: number, note?: string): string {
  const parts: string[] = [];
  if (s.text !== '') parts.push(s.preformatted ? codeBlock(s.text, max, note).text : escapeMrkdwn(s.text));
  if (s.items?.length || s.hidden) parts.push(...itemLines(s.items ?? [], s.hidden));
  return parts.join('\n');
}

/** The same section as plain text, for files. */
export function sectionPlain(s: ResultSection): string {
  const items = (s.items ?? []).map((i) => (i.mark === 'note' ? `(${i.text})` : `${i.mark.toUpperCase().padEnd(8)} ${i.text}`));
  return [s.title, s.text, ...items].filter((x) => x !== '').join('\n');
}
