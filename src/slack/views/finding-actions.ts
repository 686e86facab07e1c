import type { KnownBlock } from '@slack/types';
import type { FindingActions } from '../../core/notifier.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Action id of a finding's command button; the value is the command text (after `/k8s`). */
export const RUN_COMMAND_ACTION = 'shipmate_run_command';

// Slack's limits: button text ≤ 75 characters, value ≤ 2,000, section text ≤ 3,000.
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Per finding: its line, then its buttons (each a command run through the request pipeline). */
export function findingActionBlocks(actions: readonly FindingActions[]): KnownBlock[] {
  return actions.flatMap((a, i): KnownBlock[] => [
    { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(a.text), 2900) } },
    {
      type: 'actions',
      block_id: `finding-${i}`,
      elements: a.buttons.map((b, j) => ({
        type: 'button' as const,
        text: { type: 'plain_text' as const, text: clip(b.label, 75) },
        action_id: `${RUN_COMMAND_ACTION}_${j}`,
        value: clip(b.command, 2000),
      })),
    },
  ]);
}
