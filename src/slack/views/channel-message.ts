import type { KnownBlock } from '@slack/types';
import type { ChannelMessage } from '../../core/notifier.js';
import { enforceLimits, fallbackText } from './limits.js';
import type { SlackMessageWithFiles } from './message.js';
import { splitParagraphs } from './ephemeral-replies.js';
import { escapeMrkdwn, inlineCode, mention } from './mrkdwn.js';
import { itemLines } from './result-items.js';
import { findingActionBlocks } from './finding-actions.js';

/**
 * A channel message (scheduled alerts): a section per finding group, the owners to mention, and a
 * context line saying which scan and schedule posted it.
 */
export function renderChannelMessage(msg: ChannelMessage): SlackMessageWithFiles {
  const sections = msg.groups.map((g) => [`*${escapeMrkdwn(g.heading)} (${g.total})*`, ...itemLines(g.items, g.hidden)].join('\n'));
  const mentions = (msg.mentions ?? []).map(mention);
  if (mentions.length) sections.push(`Owners: ${mentions.join(' ')}`);
  const blocks: KnownBlock[] = [];
  for (const s of sections) {
    for (const chunk of splitParagraphs(s, 2900)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  blocks.push(...findingActionBlocks(msg.actions ?? []));
  const context = [msg.source ? `From the ${escapeMrkdwn(msg.source)}` : '', msg.file ? `Full list attached: ${inlineCode(msg.file.filename)}` : ''].filter(Boolean);
  if (context.length) blocks.push({ type: 'context', elements: context.map((text) => ({ type: 'mrkdwn' as const, text })) });
  const text = `${fallbackText(msg.text)}${mentions.length ? ` ${mentions.join(' ')}` : ''}`;
  return { text, blocks: enforceLimits(blocks), files: msg.file ? [msg.file] : [] };
}
