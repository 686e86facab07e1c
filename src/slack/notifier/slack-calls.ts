import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { OperationFile } from '../../core/plan.js';
import { truncateMrkdwn } from '../views/mrkdwn.js';
import { isBlockError, isRateLimited } from './slack-errors.js';

export type SlackCallOutcome = 'ok' | 'error' | 'rate_limited';

export interface NotifierMetrics {
  slackCall(method: string, outcome: SlackCallOutcome): void;
}

export interface PostArgs {
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
}

export interface UploadArgs {
  channel: string;
  threadTs?: string;
  file: OperationFile;
  comment?: string;
}

/** The Slack calls the notifier makes, each counted in metrics. */
export interface SlackCalls {
  post(args: PostArgs): Promise<{ ts: string }>;
  update(args: { channel: string; ts: string; text: string; blocks: KnownBlock[] }): Promise<void>;
  upload(args: UploadArgs): Promise<void>;
  /** pins.add (scope `pins:write`) for a message in `channel`. */
  pin(args: { channel: string; ts: string }): Promise<void>;
}

/** Slack's snippet cap is 1 MB; cut below it so an enormous log still arrives (its head, marked). */
const MAX_FILE_CHARS = 900_000;

export function createSlackCalls(opts: { client: WebClient; metrics?: NotifierMetrics }): SlackCalls {
  const { client, metrics } = opts;

  async function counted<T>(method: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      metrics?.slackCall(method, 'ok');
      return result;
    } catch (err) {
      metrics?.slackCall(method, isRateLimited(err) ? 'rate_limited' : 'error');
      throw err;
    }
  }

  /**
   * Slack refused the blocks (a limit we did not foresee): say it in plain text instead of losing it.
   * `text` is already mrkdwn-safe (views escape every fallback text), so it is only cut here.
   */
  async function withBlockFallback<T>(text: string, send: (blocks: KnownBlock[] | undefined) => Promise<T>, blocks?: KnownBlock[]): Promise<T> {
    try {
      return await send(blocks);
    } catch (err) {
      if (!blocks || !isBlockError(err)) throw err;
      return send([{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text, 2900) } }]);
    }
  }

  return {
    async post({ channel, text, blocks, threadTs }) {
      const res = await withBlockFallback(
        text,
        (b) =>
          counted('chat.postMessage', () =>
            client.chat.postMessage({ channel, text, ...(b ? { blocks: b } : {}), ...(threadTs ? { thread_ts: threadTs } : {}) }),
          ),
        blocks,
      );
      if (!res.ts) throw new Error('chat.postMessage answered without a ts');
      return { ts: res.ts };
    },
    async update({ channel, ts, text, blocks }) {
      await withBlockFallback(text, (b) => counted('chat.update', () => client.chat.update({ channel, ts, text, blocks: b ?? [] })), blocks);
    },
    async pin({ channel, ts }) {
      await counted('pins.add', () => client.pins.add({ channel, timestamp: ts }));
    },
    async upload({ channel, threadTs, file, comment }) {
      const content = file.content.length > MAX_FILE_CHARS ? `${file.content.slice(0, MAX_FILE_CHARS)}\n… (cut at ${MAX_FILE_CHARS} characters)` : file.content;
      const base = { content: content === '' ? ' ' : content, filename: file.filename, title: file.title };
      const comment_ = comment ? { initial_comment: comment } : {};
      await counted('files.uploadV2', () =>
        threadTs
          ? client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, ...base, ...comment_ })
          : client.filesUploadV2({ channel_id: channel, ...base, ...comment_ }),
      );
    },
  };
}
