import type { IncomingMessage, ServerResponse } from 'node:http';
import { SocketModeReceiver, type App, type HTTPReceiver, type SocketModeReceiverOptions } from '@slack/bolt';
import type { Logger } from 'pino';
import { parseSlackTimestamp, payloadStaleness, staleness } from './freshness.js';

export interface FreshnessOptions {
  logger: Logger;
  /** Milliseconds since the epoch; tests may move it. */
  now?: () => number;
}

/**
 * Puts the replay window in front of Bolt's own signature check. Bolt rejects only old timestamps
 * and coerces the header with Number(), so a request dated in the future, or `Infinity`, would
 * pass it. Requests to the events endpoints whose `X-Slack-Request-Timestamp` is not a plain
 * integer within ±5 minutes of now are answered 401 here and never reach Bolt or a listener; the
 * rest (signature included) is still verified by the unmodified receiver.
 */
export function guardHttpReceiver(receiver: HTTPReceiver, endpoints: readonly string[], opts: FreshnessOptions): HTTPReceiver {
  const now = opts.now ?? Date.now;
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const header = req.headers['x-slack-request-timestamp'];
    // Without the header Bolt refuses the request itself (NaN), except Slack's unsigned `ssl_check`
    // probe, which it answers without dispatching anything; so only present headers are judged here.
    if (req.method?.toUpperCase() === 'POST' && endpoints.includes(path) && header !== undefined) {
      const problem = staleness(parseSlackTimestamp(header), now());
      if (problem) {
        opts.logger.warn({ reason: problem, retryNum: req.headers['x-slack-retry-num'] }, 'refused a Slack request outside the replay window');
        req.resume();
        res.writeHead(401).end();
        return;
      }
    }
    inner(req, res);
  };
  return receiver;
}

/**
 * Bolt's Socket Mode receiver with the same window applied to the freshness signals a payload
 * carries (see payloadStaleness). A stale envelope is acknowledged, so Slack does not redeliver
 * it, and dropped before any listener sees it.
 */
export class FreshSocketModeReceiver extends SocketModeReceiver {
  private readonly freshness: FreshnessOptions;

  constructor(options: SocketModeReceiverOptions, freshness: FreshnessOptions) {
    super(options);
    this.freshness = freshness;
  }

  override init(app: App): void {
    const now = this.freshness.now ?? Date.now;
    const logger = this.freshness.logger;
    const guarded = Object.create(app) as App;
    guarded.processEvent = async (event) => {
      const problem = payloadStaleness(event.body, now());
      if (!problem) return app.processEvent(event);
      logger.warn({ reason: problem, retryNum: event.retryNum }, 'dropped a Socket Mode payload outside the replay window');
      await event.ack();
    };
    super.init(guarded);
  }
}
