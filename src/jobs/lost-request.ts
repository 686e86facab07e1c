import type { Logger } from 'pino';
import type { NotifierPort } from '../core/notifier.js';
import type { RequestRecord } from '../core/request.js';
import { describeTarget } from '../core/target.js';
import { notifySafely } from './record-change.js';

/**
 * A job whose request record vanished (Redis restarted empty, a failover to a blank replica) can
 * no longer move the card: the card renders the record. What it saw is posted to the request's
 * thread straight from the copy it holds in memory, so the outcome is not silently lost.
 */
export async function reportLostRequest(
  deps: { notifier: NotifierPort; logger: Logger },
  rec: RequestRecord,
  outcome: string,
  detail: string | null,
): Promise<void> {
  const text =
    `${rec.id}: outcome recorded locally: ${outcome}; Shipmate's state store lost this request, ` +
    `so its card may still show it running.` +
    (rec.target ? ` Check ${describeTarget(rec.target)} before making a new request.` : '') +
    (detail ? `\n${detail}` : '');
  // The log line is the durable copy when Slack is unreachable too.
  deps.logger.error({ requestId: rec.id, outcome, detail }, 'request record lost; outcome reported from memory');
  await notifySafely(deps.logger, () =>
    deps.notifier.channelMessage(rec.channel, { text, groups: [{ heading: 'State store lost this request', total: 1, items: [{ mark: 'warning', text }], hidden: 0 }], ...(rec.cardTs ? { threadTs: rec.cardTs } : {}) }),
  );
}
