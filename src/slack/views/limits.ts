import type { KnownBlock, SectionBlock, ContextBlock, ActionsBlock, HeaderBlock } from '@slack/types';
import { escapeMrkdwn, truncate, truncateMrkdwn } from './mrkdwn.js';

/** Block Kit limits for messages (docs: Block Kit reference; see shared/reference/slack.md). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  /** Slack's undocumented cumulative cap (`msg_blocks_too_long`) sits around 11–13k; stay well below. */
  totalText: 10_000,
  /** Message `text` is cut by Slack above 40k; notifications read best short. */
  fallbackText: 4000,
} as const;

/** Smallest a section is shrunk to when the whole message is over budget. */
const MIN_SHRUNK_SECTION = 300;

/**
 * Returns a copy of `blocks` that Slack accepts: every text, id and list cut to its limit, at most
 * 50 blocks (the last one a note saying how many were left out), and the total text under budget.
 * Views build freely and call this last, so no caller has to count characters.
 */
export function enforceLimits(blocks: readonly KnownBlock[]): KnownBlock[] {
  const fixed = blocks.map((b) => fixBlock(structuredClone(b)));
  const capped = capBlockCount(fixed);
  shrinkToBudget(capped);
  return capped;
}

function fixBlock(block: KnownBlock): KnownBlock {
  if (block.block_id !== undefined) block.block_id = block.block_id.slice(0, LIMITS.id);
  switch (block.type) {
    case 'section':
      return fixSection(block);
    case 'header':
      return fixHeader(block);
    case 'context':
      return fixContext(block);
    case 'actions':
      return fixActions(block);
    default:
      return block;
  }
}

function fixSection(block: SectionBlock): SectionBlock {
  if (block.text) {
    // Slack rejects an empty section text; an empty value means "nothing to say" here.
    block.text.text = block.text.text === '' ? ' ' : truncateMrkdwn(block.text.text, LIMITS.sectionText);
  }
  if (block.fields) {
    block.fields = block.fields.slice(0, LIMITS.sectionFields);
    for (const f of block.fields) f.text = truncateMrkdwn(f.text, LIMITS.fieldText);
  }
  return block;
}

function fixHeader(block: HeaderBlock): HeaderBlock {
  block.text.text = truncate(block.text.text, LIMITS.headerText);
  return block;
}

function fixContext(block: ContextBlock): ContextBlock {
  block.elements = block.elements.slice(0, LIMITS.contextElements);
  for (const el of block.elements) {
    if (el.type === 'mrkdwn' || el.type === 'plain_text') el.text = truncateMrkdwn(el.text, LIMITS.contextText);
  }
  return block;
}

function fixActions(block: ActionsBlock): ActionsBlock {
  block.elements = block.elements.slice(0, LIMITS.actionsElements);
  for (const el of block.elements) {
    if (el.type !== 'button') continue;
    el.text.text = truncate(el.text.text, LIMITS.buttonText);
    if (el.value !== undefined) el.value = el.value.slice(0, LIMITS.buttonValue);
    if (el.action_id !== undefined) el.action_id = el.action_id.slice(0, LIMITS.id);
  }
  return block;
}

function capBlockCount(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  const omitted = blocks.length - kept.length;
  kept.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `_${omitted} more block${omitted === 1 ? '' : 's'} not shown (Slack allows ${LIMITS.blocks})_` }],
  });
  return kept;
}

/** Characters of visible text in one block, as Slack counts them towards the cumulative cap. */
export function blockTextLength(block: KnownBlock): number {
  switch (block.type) {
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'header':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, el) => n + ('text' in el && typeof el.text === 'string' ? el.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce((n, el) => n + (el.type === 'button' ? el.text.text.length + (el.value?.length ?? 0) : 0), 0);
    default:
      return 0;
  }
}

export function totalTextLength(blocks: readonly KnownBlock[]): number {
  return blocks.reduce((n, b) => n + blockTextLength(b), 0);
}

/** Shrinks the longest section texts until the message fits the cumulative budget. */
function shrinkToBudget(blocks: KnownBlock[]): void {
  let excess = totalTextLength(blocks) - LIMITS.totalText;
  while (excess > 0) {
    const longest = longestSection(blocks);
    if (!longest?.text || longest.text.text.length <= MIN_SHRUNK_SECTION) return;
    const target = Math.max(MIN_SHRUNK_SECTION, longest.text.text.length - excess);
    const before = longest.text.text.length;
    longest.text.text = truncateMrkdwn(longest.text.text, target);
    excess -= before - longest.text.text.length;
  }
}

function longestSection(blocks: KnownBlock[]): SectionBlock | undefined {
  let best: SectionBlock | undefined;
  for (const b of blocks) {
    if (b.type !== 'section' || !b.text) continue;
    if (!best?.text || b.text.text.length > best.text.text.length) best = b;
  }
  return best;
}

/**
 * A fallback `text` for notifications from plain text: escaped (Slack parses `text` as mrkdwn,
 * and a `<!channel>` there notifies like one in a block), always present, never over the limit.
 */
export function fallbackText(text: string): string {
  const t = text.trim() === '' ? 'Shipmate' : text;
  return truncate(escapeMrkdwn(t), LIMITS.fallbackText);
}
