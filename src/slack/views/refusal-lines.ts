import type { KnownBlock } from '@slack/types';
import type { OwnerRefusal } from '../../core/refusal.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** A policy refusal on the card: that it was refused, by which owner and rule, and what to do instead. */
export function refusalBlocks(refusal: OwnerRefusal | undefined, v: string): KnownBlock[] {
  if (!refusal) return [];
  const lines = [
    `:no_entry: *Refused:* Shipmate will not make this change with kubectl semantics. ${escapeMrkdwn(refusal.why)}.`,
    `*Owner:* ${escapeMrkdwn(refusal.owner)}`,
    `*Policy:* ${escapeMrkdwn(refusal.rule)}`,
    '*Instead:*',
    ...refusal.instead.map((line) => `• ${escapeMrkdwn(line)}`),
  ];
  return [{ type: 'section', block_id: `refusal-${v}`, text: { type: 'mrkdwn', text: lines.join('\n') } }];
}
