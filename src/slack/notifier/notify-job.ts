import type { ChannelMessage } from '../../core/notifier.js';
import type { OperationFile } from '../../core/plan.js';

/** One unit of Slack delivery on the `notify` queue. Plain JSON: it travels through Redis. */
export type NotifyJob =
  | { kind: 'card'; requestId: string }
  /** Flush the request's buffered thread replies (see reply-buffer.ts). */
  | { kind: 'replies'; requestId: string }
  | { kind: 'file'; requestId: string; file: OperationFile }
  /** Pin a reminder already posted in the request's thread (`ts` is the reply, not the card). */
  | { kind: 'pin'; requestId: string; channel: string; ts: string }
  /** `postedTs` is set once the message is out, so a retry only re-sends the file. */
  | { kind: 'channel'; channel: string; message: ChannelMessage; postedTs?: string };

export const NOTIFY_QUEUE = 'notify';
