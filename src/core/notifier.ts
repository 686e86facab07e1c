import type { OperationFile } from './plan.js';

/**
 * How jobs/ talks to people without knowing Slack. The slack/ notifier implements it on a queue
 * with retries, 429 handling, ordered thread replies and coalesced card edits, so a Slack outage
 * never fails cluster work.
 */
export interface NotifierPort {
  /** The request's record changed: (re)render its card. Coalesced to ≤ 1 edit per ~1.2 s per message. */
  cardChanged(requestId: string): Promise<void>;
  /** A reply in the request's thread, delivered in order. Long text becomes a file. */
  threadReply(requestId: string, text: string): Promise<void>;
  /** A file in the request's thread. */
  threadFile(requestId: string, file: OperationFile): Promise<void>;
  /** A message to a channel outside any request (scheduled alerts). */
  channelMessage(channel: string, message: ChannelMessage): Promise<void>;
}

export interface ChannelMessage {
  /** Notification / fallback text, always set. */
  text: string;
  /** mrkdwn sections; the notifier builds Block Kit and enforces limits. */
  sections: string[];
  /** Full text as a file, for long lists. */
  file?: OperationFile;
  /**
   * Post as a reply in this thread of `channel`. For a job that lost its request record: the
   * notifier cannot look the thread up, so the job passes it from memory.
   */
  threadTs?: string;
}
