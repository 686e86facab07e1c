import type { Logger } from 'pino';
import type { OperationFile } from '../../core/plan.js';
import type { RequestRecord } from '../../core/request.js';
import { renderChannelMessage } from '../views/channel-message.js';
import { escapeMrkdwn, truncate, truncateMrkdwn } from '../views/mrkdwn.js';
import { renderRequestCard } from '../views/request-card.js';
import { renderThreadNote } from '../views/thread-note.js';
import { decodeThreadNote } from './thread-note-codec.js';
import type { CardCoalescer } from './card-coalescer.js';
import type { NotifyJob } from './notify-job.js';
import type { ReplyBuffer } from './reply-buffer.js';
import type { SlackCalls } from './slack-calls.js';
import { describeSlackError, isAlreadyPinned, isTransientSlackError } from './slack-errors.js';

/** Where request records come from: a port, implemented by jobs/' request store. */
export interface NotifierRecords {
  get(id: string): Promise<RequestRecord | null>;
  setCardTs(id: string, ts: string): Promise<void>;
}

/** Above this a thread reply becomes a file: a section holds 3000 and Slack folds long text anyway. */
export const REPLY_INLINE_MAX = 2800;
/** Most buffered lines one flush looks at. */
const MAX_BATCH_LINES = 100;

export interface Deliverer {
  /** Delivers one job; `remember` stores progress in the job so a retry does not repeat a post. */
  deliver(job: NotifyJob, remember: (data: NotifyJob) => Promise<void>): Promise<void>;
}

export function createDeliverer(opts: {
  slack: SlackCalls;
  records: NotifierRecords;
  coalescer: CardCoalescer;
  replies: ReplyBuffer;
  logger: Logger;
  /** Re-queue a card render / a reply flush when more is waiting than one job handled. */
  schedule: (requestId: string) => Promise<void>;
  scheduleReplies: (requestId: string) => Promise<void>;
  /** Queue the pinning of a reminder just posted (a job of its own: its retries never repeat the post). */
  schedulePin: (job: Extract<NotifyJob, { kind: 'pin' }>) => Promise<void>;
}): Deliverer {
  const { slack, records, coalescer, replies, logger } = opts;

  /** Posts the card when it has no message yet, else edits it; uploads a diff overflow once. */
  async function renderCard(record: RequestRecord): Promise<RequestRecord> {
    const card = renderRequestCard(record);
    let posted = record;
    if (record.cardTs === null) {
      const { ts } = await slack.post({ channel: record.channel, text: card.text, blocks: card.blocks });
      await records.setCardTs(record.id, ts);
      posted = { ...record, cardTs: ts };
    } else {
      await slack.update({ channel: record.channel, ts: record.cardTs, text: card.text, blocks: card.blocks });
    }
    await coalescer.rendered(record.id);
    if (card.overflow && posted.cardTs && (await coalescer.once(record.id, `overflow-${card.overflow.filename}`))) {
      await slack.upload({ channel: record.channel, threadTs: posted.cardTs, file: card.overflow, comment: 'Full diff of the plan' });
    }
    return posted;
  }

  async function cardJob(requestId: string): Promise<void> {
    await coalescer.beginRender(requestId);
    const record = await records.get(requestId);
    if (!record) {
      logger.warn({ requestId }, 'card change for an unknown request; nothing to render');
      return;
    }
    await renderCard(record);
    // A change written without a cardChanged call (or racing this render) still reaches the card.
    const latest = await records.get(requestId);
    if (latest && latest.version > record.version) await opts.schedule(requestId);
  }

  /** The record with its card posted: thread replies need the card's ts as their root. */
  async function withCard(requestId: string): Promise<RequestRecord | null> {
    const record = await records.get(requestId);
    if (!record) {
      logger.warn({ requestId }, 'thread message for an unknown request; dropped');
      return null;
    }
    return record.cardTs === null ? renderCard(record) : record;
  }

  /** Posts the oldest buffered replies as one message (a long one as a file); returns how many remain. */
  async function flushReplies(requestId: string): Promise<number> {
    const lines = await replies.peek(requestId, MAX_BATCH_LINES);
    if (lines.length === 0) return 0;
    const record = await withCard(requestId);
    if (!record?.cardTs) return replies.posted(requestId, lines.length);
    const batch = takeBatch(lines.map((l) => {
      const note = decodeThreadNote(l);
      return { ...renderThreadNote(note), pin: note.kind === 'reminder' };
    }));
    if (batch.long !== undefined) {
      const file: OperationFile = { filename: `${requestId}-output.txt`, title: firstLine(batch.long), content: batch.long };
      await slack.upload({ channel: record.channel, threadTs: record.cardTs, file, comment: escapeMrkdwn(firstLine(batch.long)) });
      return replies.posted(requestId, batch.count);
    }
    const { ts } = await slack.post({ channel: record.channel, threadTs: record.cardTs, text: batch.text });
    const remaining = await replies.posted(requestId, batch.count);
    if (batch.pin) await schedulePinOf({ kind: 'pin', requestId, channel: record.channel, ts });
    return remaining;
  }

  /** The reminder is out; failing to queue its pin must not post it again, so it is only logged. */
  async function schedulePinOf(job: Extract<NotifyJob, { kind: 'pin' }>): Promise<void> {
    try {
      await opts.schedulePin(job);
    } catch (err) {
      logger.warn({ requestId: job.requestId, channel: job.channel, ts: job.ts, error: describeSlackError(err) }, 'reminder posted but not pinned');
    }
  }

  /**
   * Pins a posted reminder. Transient failures (429s the client gave up on, 5xx) go back to the
   * queue's retries; a refusal (missing pins:write, message gone) is logged: the reminder itself
   * is in the thread either way.
   */
  async function pinJob(job: Extract<NotifyJob, { kind: 'pin' }>): Promise<void> {
    try {
      await slack.pin({ channel: job.channel, ts: job.ts });
    } catch (err) {
      if (isAlreadyPinned(err)) return;
      if (isTransientSlackError(err)) throw err;
      logger.warn({ requestId: job.requestId, channel: job.channel, ts: job.ts, error: describeSlackError(err) }, 'reminder posted but not pinned');
    }
  }

  async function repliesJob(requestId: string): Promise<void> {
    await replies.beginFlush(requestId);
    if ((await flushReplies(requestId)) > 0) await opts.scheduleReplies(requestId);
  }

  async function fileJob(requestId: string, file: OperationFile): Promise<void> {
    // Replies sent before this file must appear before it, so they go out first, unpaced.
    for (let i = 0; i < 20 && (await flushReplies(requestId)) > 0; i++);
    const record = await withCard(requestId);
    if (!record?.cardTs) return;
    await slack.upload({ channel: record.channel, threadTs: record.cardTs, file });
  }

  async function channelJob(job: Extract<NotifyJob, { kind: 'channel' }>, remember: (data: NotifyJob) => Promise<void>): Promise<void> {
    const { channel, message } = job;
    const rendered = renderChannelMessage(message);
    let ts = job.postedTs;
    if (ts === undefined) {
      ts = (await slack.post({ channel, ...(message.threadTs ? { threadTs: message.threadTs } : {}), text: rendered.text, blocks: rendered.blocks })).ts;
      if (rendered.files.length > 0) await remember({ ...job, postedTs: ts });
    }
    for (const file of rendered.files) await slack.upload({ channel, threadTs: ts, file });
  }

  return {
    async deliver(job, remember) {
      switch (job.kind) {
        case 'card':
          return cardJob(job.requestId);
        case 'replies':
          return repliesJob(job.requestId);
        case 'file':
          return fileJob(job.requestId, job.file);
        case 'channel':
          return channelJob(job, remember);
        case 'pin':
          return pinJob(job);
      }
    },
  };
}

/**
 * The first replies that fit one message (as mrkdwn); a reply too long for a message travels
 * alone as a file (as plain text). A note to pin travels alone as a message (cut to fit, never a
 * file): pinning a combined message would pin the other lines with it.
 */
function takeBatch(notes: readonly { mrkdwn: string; plain: string; pin: boolean }[]): { count: number; text: string; long?: string; pin: boolean } {
  const first = notes[0] ?? { mrkdwn: '', plain: '', pin: false };
  if (first.pin) return { count: 1, text: truncateMrkdwn(first.mrkdwn, REPLY_INLINE_MAX), pin: true };
  if (first.mrkdwn.length > REPLY_INLINE_MAX) return { count: 1, text: '', long: first.plain, pin: false };
  let text = first.mrkdwn;
  let count = 1;
  for (const { mrkdwn, pin } of notes.slice(1)) {
    if (pin || mrkdwn.length > REPLY_INLINE_MAX || text.length + 1 + mrkdwn.length > REPLY_INLINE_MAX) break;
    text = `${text}\n${mrkdwn}`;
    count += 1;
  }
  return { count, text, pin: false };
}

function firstLine(text: string): string {
  return truncate(text.split('\n', 1)[0]?.trim() || 'Output', 120);
}
