import type { KnownBlock } from '@slack/types';
import { describeOwner } from '../../core/owner.js';
import type { Plan } from '../../core/plan.js';
import { escapeMrkdwn } from './mrkdwn.js';

/**
 * The plan's owner line, and the drift warning when policy let an imperative change through with
 * `warn`: approvers must see it before they click.
 */
export function ownerBlocks(plan: Plan, v: string): KnownBlock[] {
  if (!plan.owner) return [];
  const lines = [`*Owner:* ${escapeMrkdwn(describeOwner(plan.owner))}`];
  if (plan.ownerWarning) lines.push(`:warning: *Drift warning:* ${escapeMrkdwn(plan.ownerWarning)}`);
  return [{ type: 'section', block_id: `owner-${v}`, text: { type: 'mrkdwn', text: lines.join('\n') } }];
}
