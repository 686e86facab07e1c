import type { SectionBlock } from '@slack/types';

/** Packs lines into section blocks of at most `max` characters each (a longer line is cut later). */
export function linesToSections(lines: readonly string[], max = 2900): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > max) {
      sections.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return sections;
}
