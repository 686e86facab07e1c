import type { SimMessage, SlackSim } from '../../devkit/slack-sim/index.js';

/** All visible text of a message: its fallback text plus every string inside its blocks. */
export function visibleText(m: { text: string; blocks: unknown[] }): string {
  const parts: string[] = [m.text];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(m.blocks);
  return parts.join('\n');
}

export function buttonTexts(m: SimMessage): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'button' && o.text && typeof o.text === 'object') out.push(String((o.text as { text?: unknown }).text));
      Object.values(o).forEach(walk);
    }
  };
  walk(m.blocks);
  return out;
}

/** The request card for `requestId` in `channel`, once it is posted. */
export async function waitForCard(slack: SlackSim, channel: string, requestId: string, timeoutMs = 15_000): Promise<SimMessage> {
  return slack.waitFor(() => slack.messages(channel).find((m) => visibleText(m).includes(requestId)), timeoutMs);
}

/** Wait until the card's visible text matches `pattern` (e.g. /Succeeded/). */
export async function waitForCardText(slack: SlackSim, channel: string, ts: string, pattern: RegExp, timeoutMs = 30_000): Promise<SimMessage> {
  return slack.waitFor(() => {
    const m = slack.messages(channel).find((x) => x.ts === ts);
    return m && pattern.test(visibleText(m)) ? m : undefined;
  }, timeoutMs);
}

/** A request card's State field (e.g. `Succeeded`), or undefined for a message without one. */
export function cardState(m: { text: string; blocks: unknown[] }): string | undefined {
  const lines = visibleText(m).split('\n');
  const i = lines.indexOf('*State*');
  return i >= 0 ? lines[i + 1] : undefined;
}

/**
 * Wait until the card's State field matches `state` (e.g. /^(Succeeded|Failed)$/). Unlike
 * waitForCardText this cannot be fooled by the same word elsewhere on the card, such as a
 * running job's status line "sync Succeeded" from the Argo CD operation it waits on.
 */
export async function waitForCardState(slack: SlackSim, channel: string, ts: string, state: RegExp, timeoutMs = 30_000): Promise<SimMessage> {
  return slack.waitFor(() => {
    const m = slack.messages(channel).find((x) => x.ts === ts);
    const now = m && cardState(m);
    return now !== undefined && state.test(now) ? m : undefined;
  }, timeoutMs);
}

/** The text of what the app answered an ack with (slash command receipt / usage error). */
export function ackText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object') return visibleText({ text: String((body as { text?: unknown }).text ?? ''), blocks: ((body as { blocks?: unknown[] }).blocks ?? []) });
  return '';
}

export function requestIdIn(text: string): string {
  const m = /R-[0-9A-HJKMNP-TV-Z]{6,12}/.exec(text);
  if (!m) throw new Error(`no request id in: ${text}`);
  return m[0];
}

/** Ephemeral answers a user got (response_url posts and chat.postEphemeral), newest last. */
export function ephemeralTexts(slack: SlackSim, user: string): string[] {
  return slack.ephemerals(user).map((e) => visibleText(e));
}

/** Poll an async condition until it returns a truthy value (or time runs out). */
export async function eventually<T>(fn: () => Promise<T | undefined | false | null>, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
