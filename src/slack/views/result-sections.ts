import type { KnownBlock } from '@slack/types';
import type { OperationFile, OperationResult } from '../../core/plan.js';
import { LIMITS, enforceLimits, fallbackText } from './limits.js';
import type { SlackMessage } from './message.js';
import { escapeMrkdwn, inlineCode, truncateMrkdwn } from './mrkdwn.js';
import { sectionBody, sectionPlain } from './result-items.js';
import { workloadStatusSections } from './workload-status.js';

/** Beyond this a section's text goes into a file and the message shows an excerpt. */
export const SECTION_INLINE_MAX = 2800;
/** Excerpt kept inline when a section moves into a file. */
const EXCERPT_MAX = 1200;
/** Text budget for all sections of one message, under Slack's cumulative cap. */
const MESSAGE_BUDGET = 9000;

export interface RenderedResult {
  messages: SlackMessage[];
  files: OperationFile[];
}

type Section = OperationResult['sections'][number];

/**
 * An operation's result as thread content: sections become one message while they fit; a long
 * section shows an excerpt and moves whole into a file; once the message budget is spent the rest
 * are files only. The result's own files follow.
 */
export function renderResultSections(result: OperationResult): RenderedResult {
  const blocks: KnownBlock[] = [];
  const files: OperationFile[] = [];
  let used = 0;
  const sections = [...(result.report ? workloadStatusSections(result.report) : []), ...result.sections];
  sections.forEach((s, i) => {
    const tooLong = s.text.length > SECTION_INLINE_MAX;
    const file = tooLong || used >= MESSAGE_BUDGET ? sectionFile(s, i) : undefined;
    if (file) files.push(file);
    const room = Math.min(tooLong ? EXCERPT_MAX : SECTION_INLINE_MAX, MESSAGE_BUDGET - used);
    const text = room < 200 ? `*${escapeMrkdwn(s.title)}*: attached as ${inlineCode(file?.filename ?? '')}` : sectionText(s, room, file);
    used += text.length;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  });
  files.push(...result.files);
  const heading = `${result.outcome === 'succeeded' ? 'Succeeded' : 'Failed'}: ${result.summary}`;
  const message: SlackMessage = {
    text: fallbackText(heading),
    blocks: enforceLimits([{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}*` } }, ...blocks]),
  };
  return { messages: [message], files };
}

function sectionText(s: Section, room: number, file: OperationFile | undefined): string {
  const title = `*${escapeMrkdwn(s.title)}*`;
  const note = file ? `… (truncated: full text in \`${file.filename}\`)` : '… (truncated)';
  const bodyRoom = Math.min(room, LIMITS.sectionText) - title.length - 1;
  return `${title}\n${truncateMrkdwn(sectionBody(s, bodyRoom, note), bodyRoom)}`;
}

function sectionFile(s: Section, index: number): OperationFile {
  const slug = s.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || `section-${index + 1}`;
  return { filename: `${slug}.txt`, title: s.title, content: s.items?.length ? sectionPlain(s) : s.text };
}
