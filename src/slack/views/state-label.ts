import type { RequestRecord } from '../../core/request.js';
import { mention } from './mrkdwn.js';

/**
 * The card's state in words. `withMentions: false` gives the variant for notification text,
 * where a mention would ping the approver or canceller again on every edit.
 */
export function stateLabel(record: RequestRecord, withMentions = true): string {
  const by = (what: string): string =>
    record.decidedBy && withMentions ? `${what} by ${record.decidedBy === 'shipmate' ? 'Shipmate' : mention(record.decidedBy)}` : what;
  switch (record.state) {
    case 'requested':
      return 'Requested';
    case 'awaiting_approval':
      return `Awaiting approval (${record.approvals.length} of ${record.approvalsRequired})`;
    case 'approved':
      return 'Approved';
    case 'queued':
      return 'Queued';
    case 'running':
      return 'Running';
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'interrupted':
      return 'Interrupted';
    case 'expired':
      return 'Expired';
    case 'denied':
      // Refused by policy at planning: nobody clicked Deny, and nobody to mention.
      return record.refusal ? 'Refused by policy' : by('Denied');
    case 'cancelled':
      return by('Cancelled');
  }
}
