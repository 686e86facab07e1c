/** Slack's replay window: a request is accepted only if |now − its timestamp| ≤ 5 minutes. */
export const MAX_SKEW_SECONDS = 300;

// Unix seconds exactly as Slack writes them: plain decimal digits, no sign, exponent, fraction,
// padding or leading zero. Anything else (`Infinity`, `1.5e9`, `0x…`) is refused rather than
// coerced, because the signature base uses the header text and Number() would accept all of them.
const UNIX_SECONDS = /^[1-9][0-9]{0,11}$/;

/** The header's unix seconds, or null when it is missing, repeated or not a plain integer. */
export function parseSlackTimestamp(header: string | readonly string[] | undefined): number | null {
  if (typeof header !== 'string' || !UNIX_SECONDS.test(header)) return null;
  return Number(header);
}

/** Why a request timestamp is outside the window (either direction), or null when it is fresh. */
export function staleness(timestampSec: number | null, nowMs: number, maxSkewSec = MAX_SKEW_SECONDS): string | null {
  if (timestampSec === null) return 'timestamp is missing or not a plain integer of unix seconds';
  const skew = timestampSec - Math.floor(nowMs / 1000);
  if (skew > maxSkewSec) return `timestamp is ${skew} s in the future (at most ${maxSkewSec} s allowed)`;
  if (-skew > maxSkewSec) return `timestamp is ${-skew} s old (at most ${maxSkewSec} s allowed)`;
  return null;
}

/**
 * The Socket Mode counterpart. Envelopes carry no signature and no request timestamp (the socket is
 * authenticated by the app token), so the only freshness signals are the payload's own clocks:
 * `actions[].action_ts` of interactive payloads and `event_time` of Events API callbacks. Slash
 * command payloads carry none; they are accepted. Returns why the payload is stale, or null.
 */
export function payloadStaleness(body: unknown, nowMs: number): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { actions?: unknown; event_time?: unknown };
  const times: unknown[] = [];
  if (Array.isArray(b.actions)) for (const a of b.actions) times.push((a as { action_ts?: unknown } | null)?.action_ts);
  if (b.event_time !== undefined) times.push(b.event_time);
  for (const t of times) {
    if (t === undefined) continue;
    const seconds = typeof t === 'number' ? String(t) : typeof t === 'string' ? t.split('.')[0] : undefined;
    const problem = staleness(parseSlackTimestamp(seconds), nowMs);
    if (problem) return problem;
  }
  return null;
}
