import type { ActionsBlock, Button } from '@slack/types';
import type { RequestRecord, RequestState } from '../../core/request.js';

/** Action ids the Bolt listeners register; the button value is always the request id. */
export const ACTION_IDS = {
  approve: 'shipmate_approve',
  deny: 'shipmate_deny',
  cancel: 'shipmate_cancel',
} as const;

const DECIDABLE: ReadonlySet<RequestState> = new Set(['awaiting_approval']);
const CANCELLABLE: ReadonlySet<RequestState> = new Set(['requested', 'awaiting_approval', 'approved', 'queued', 'running']);

function button(label: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = { type: 'button', text: { type: 'plain_text', text: label }, action_id: actionId, value };
  if (style) b.style = style;
  return b;
}

/** The buttons that make sense in the record's state, or null when none do. */
export function cardButtons(record: RequestRecord, blockId: string): ActionsBlock | null {
  const elements: Button[] = [];
  if (DECIDABLE.has(record.state)) {
    elements.push(button('Approve', ACTION_IDS.approve, record.id, 'primary'));
    elements.push(button('Deny', ACTION_IDS.deny, record.id, 'danger'));
  }
  if (CANCELLABLE.has(record.state)) elements.push(button('Cancel', ACTION_IDS.cancel, record.id));
  if (elements.length === 0) return null;
  return { type: 'actions', block_id: blockId, elements };
}
