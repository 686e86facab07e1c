import type { OperationFile, ResultItem, ResultSection } from './plan.js';
import type { WorkloadStatusReport } from './workload-status.js';

/**
 * How jobs/ talks to people without knowing Slack. The slack/ notifier implements it on a queue
 * with retries, 429 handling, ordered thread replies and coalesced card edits, so a Slack outage
 * never fails cluster work. Everything crossing this port is structured data (user ids, plain
 * text, findings): only slack/views turns it into mrkdwn, so cluster text cannot carry markup.
 */
export interface NotifierPort {
  /** The request's record changed: (re)render its card. Coalesced to ≤ 1 edit per ~1.2 s per message. */
  cardChanged(requestId: string): Promise<void>;
  /** A reply in the request's thread, delivered in order. Long text becomes a file. */
  threadReply(requestId: string, note: ThreadNote): Promise<void>;
  /** A file in the request's thread. */
  threadFile(requestId: string, file: OperationFile): Promise<void>;
  /** A message to a channel outside any request (scheduled alerts). */
  channelMessage(channel: string, message: ChannelMessage): Promise<void>;
}

/** One thread reply, as data. Every string in it is plain text (never mrkdwn). */
export type ThreadNote =
  /** A progress step an operation reported. */
  | { kind: 'step'; text: string }
  /** What must stay visible after the request: posted as a message of its own and pinned. */
  | { kind: 'reminder'; text: string }
  /** One section of an operation's result. */
  | { kind: 'section'; section: ResultSection }
  /** What `status` found: spec, what runs, pods in trouble, warnings (views word it). */
  | { kind: 'report'; report: WorkloadStatusReport }
  /** A mutation whose worker died: it was not re-run. */
  | { kind: 'interrupted'; requestId: string; target: string | null; currentState: string };

/** A titled group of findings (e.g. "New (3)"), cut to what fits; `hidden` more are in the file. */
export interface ChannelGroup {
  heading: string;
  total: number;
  items: ResultItem[];
  hidden: number;
}

export interface ChannelMessage {
  /** Notification / fallback text, always set. Plain text. */
  text: string;
  /** Where the message comes from, e.g. `certificates scan (schedule 0 8 * * *)`. Plain text. */
  source?: string;
  /** Finding groups, rendered as sections. */
  groups: ChannelGroup[];
  /** Slack user ids (`U…`/`W…`) and user-group ids (`S…`) to mention. */
  mentions?: string[];
  /** Full text as a file, for long lists. */
  file?: OperationFile;
  /**
   * Post as a reply in this thread of `channel`. For a job that lost its request record: the
   * notifier cannot look the thread up, so the job passes it from memory.
   */
  threadTs?: string;
  /** Buttons per finding (GitOps alerts: Sync / Diff); each runs `command` as if typed after `/k8s`. */
  actions?: FindingActions[];
}

export interface FindingActions {
  /** The finding the buttons act on, plain text. */
  text: string;
  buttons: { label: string; command: string }[];
}
