import type { KnownBlock } from '@slack/types';
import type { ChannelMessage } from '../../core/notifier.js';
import { enforceLimits, fallbackText } from './limits.js';
import type { SlackMessageWithFiles } from './message.js';
import { splitParagraphs } from './ephemeral-replies.js';

/** A channel message (scheduled alerts): each mrkdwn section becomes one or more section blocks. */
export function renderChannelMessage(msg: ChannelMessage): SlackMessageWithFiles {
  const blocks: KnownBlock[] = [];
  for (const s of msg.sections) {
    for (const chunk of splitParagraphs(s, 2900)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  if (msg.file) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Full list attached: \`${msg.file.filename}\`` }] });
  }
  return { text: fallbackText(msg.text), blocks: enforceLimits(blocks), files: msg.file ? [msg.file] : [] };
}
