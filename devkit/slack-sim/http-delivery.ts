import { signedHeaders } from './signing.js';
import type { DeliveryResult } from './types.js';

export interface HttpDeliveryInput {
  eventsUrl: string;
  signingSecret: string;
  /** Already form-encoded body, exactly as Slack sends it. */
  rawBody: string;
  timeoutMs: number;
  retryNum?: number;
  retryReason?: string;
}

/** POST a signed form to the app's /slack/events, like Slack: give up after the timeout. */
export async function deliverHttp(p: HttpDeliveryInput): Promise<DeliveryResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signedHeaders(p.signingSecret, p.rawBody),
  };
  if (p.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(p.retryNum);
    headers['x-slack-retry-reason'] = p.retryReason ?? 'http_timeout';
  }
  const started = Date.now();
  try {
    const res = await fetch(p.eventsUrl, {
      method: 'POST', headers, body: p.rawBody, signal: AbortSignal.timeout(p.timeoutMs),
    });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    let body: unknown = text;
    if (isJson && text !== '') body = JSON.parse(text) as unknown;
    return { mode: 'http', status: res.status, body, acked: res.status === 200, ackMs: Date.now() - started };
  } catch (err) {
    return { mode: 'http', status: 0, body: String(err), acked: false, ackMs: Date.now() - started };
  }
}
