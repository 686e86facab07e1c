import type { Logger } from 'pino';
import type { ChannelMessage } from '../../core/notifier.js';
import type { OperationFile } from '../../core/plan.js';
import type { RequestRecord } from '../../core/request.js';
import { renderChannelMessage } from '../views/channel-message.js';
import { fallbackText } from '../views/limits.js';
import { truncate } from '../views/mrkdwn.js';
import { renderRequestCard } from '../views/request-card.js';
import type { CardCoalescer } from './card-coalescer.js';
import { escapeKeepingTokens } from './mrkdwn-safe.js';
import type { NotifyJob } from './notify-job.js';
import type { SlackCalls } from './slack-calls.js';

/** Where request records come from: a port, implemented by jobs/' request store. */
export interface NotifierRecords {
  get(id: string): Promise<RequestRecord | null>;
  setCardTs(id: string, ts: string): Promise<void>;
}

/** Above this a thread reply becomes a file: a section holds 3000 and Slack folds long text anyway. */
export const REPLY_INLINE_MAX = 2800;

export interface Deliverer {
  /** Delivers one job; `schedule` re-queues a card render when the record moved on meanwhile. */
  deliver(job: NotifyJob): Promise<void>;
}

export function createDeliverer(opts: {
  slack: SlackCalls;
  records: NotifierRecords;
  coalescer: CardCoalescer;
  logger: Logger;
  schedule: (requestId: string) => Promise<void>;
}): Deliverer {
  const { slack, records, coalescer, logger } = opts;

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

  async function replyJob(requestId: string, text: string): Promise<void> {
    const record = await withCard(requestId);
    if (!record?.cardTs) return;
    if (text.length > REPLY_INLINE_MAX) {
      const file: OperationFile = { filename: `${requestId}-output.txt`, title: firstLine(text), content: text };
      await slack.upload({ channel: record.channel, threadTs: record.cardTs, file, comment: escapeKeepingTokens(truncate(firstLine(text), 200)) });
      return;
    }
    await slack.post({ channel: record.channel, threadTs: record.cardTs, text: escapeKeepingTokens(text) });
  }

  async function fileJob(requestId: string, file: OperationFile): Promise<void> {
    const record = await withCard(requestId);
    if (!record?.cardTs) return;
    await slack.upload({ channel: record.channel, threadTs: record.cardTs, file });
  }

  async function channelJob(channel: string, message: ChannelMessage): Promise<void> {
    const rendered = renderChannelMessage(message);
    const { ts } = await slack.post({ channel, text: fallbackText(rendered.text), blocks: rendered.blocks });
    for (const file of rendered.files) await slack.upload({ channel, threadTs: ts, file });
  }

  return {
    async deliver(job) {
      switch (job.kind) {
        case 'card':
          return cardJob(job.requestId);
        case 'reply':
          return replyJob(job.requestId, job.text);
        case 'file':
          return fileJob(job.requestId, job.file);
        case 'channel':
          return channelJob(job.channel, job.message);
      }
    },
  };
}

function firstLine(text: string): string {
  return truncate(text.split('\n', 1)[0]?.trim() || 'Output', 120);
}
