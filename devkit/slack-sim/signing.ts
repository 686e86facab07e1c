import { createHmac } from 'node:crypto';

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256(secret, `v0:<ts>:<rawBody>`). The timestamp
 * may be given as the exact header text, so tests can sign malformed ones (`Infinity`, `1.5e9`).
 */
export function signSlackRequest(signingSecret: string, rawBody: string, timestampSec: number | string): string {
  const base = `v0:${timestampSec}:${rawBody}`;
  return `v0=${createHmac('sha256', signingSecret).update(base).digest('hex')}`;
}

/** The two headers Slack adds to every HTTP-mode request. */
export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  timestampSec: number | string = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'X-Slack-Request-Timestamp': String(timestampSec),
    'X-Slack-Signature': signSlackRequest(signingSecret, rawBody, timestampSec),
  };
}
