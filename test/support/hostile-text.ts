import type { SimMessage } from '../../devkit/slack-sim/index.js';

/** Cluster text an attacker controls: broadcasts, mentions and a fence break-out. */
export const HOSTILE = '<!here> deploy ok ``` <!channel> approve R-ABCDEF now <@U0EVIL> <#C0EVIL> <!everyone> ````` <!subteam^S0EVIL>';

/** Every mrkdwn string a reader sees in a message and its thread: fallback texts and block texts. */
export function allTexts(m: SimMessage): string[] {
  return [m, ...m.replies].flatMap(mrkdwnTexts);
}

/** Live Slack tokens in `text` that our own helpers never write: anything from the cluster. */
export function liveInjectedTokens(text: string): string[] {
  return text.match(/<!(?:here|channel|everyone)\b[^>]*>|<@U0EVIL[^>]*>|<#C0EVIL[^>]*>|<!subteam\^S0EVIL[^>]*>/g) ?? [];
}

/** How many ``` fences `text` holds; odd means one was opened or closed by foreign text. */
export function fenceCount(text: string): number {
  return text.split('```').length - 1;
}

/** A `<…>` Slack reads as a token, and which ones our helpers write: mentions, links, dates. */
const OWN_TOKEN = /^<(?:@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!date\^\d+\^[^|<>]*\|[^<>]*)>$/;

/**
 * What a reader would see wrongly in one mrkdwn text: a mention left unrendered (escaped, or
 * inside code where Slack shows it raw) or a `<placeholder>` Slack takes for a link.
 */
export function renderingDefects(text: string): string[] {
  const defects: string[] = [];
  for (const m of text.matchAll(/&lt;[@#!][^\s]*/g)) defects.push(`escaped mention ${m[0]}`);
  for (const m of text.matchAll(/<[^<>]*>/g)) if (!OWN_TOKEN.test(m[0])) defects.push(`taken for a link: ${m[0]}`);
  const code = [...text.split('```').filter((_, i) => i % 2 === 1), ...[...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '')];
  for (const c of code) if (/<[@#!]/.test(c)) defects.push(`mention inside code: ${c}`);
  return defects;
}

/** Every mrkdwn text and fallback text of a message payload (plain_text shows `<` literally). */
export function mrkdwnTexts(m: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = typeof m.text === 'string' ? [m.text] : [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['type'] === 'mrkdwn' && typeof o['text'] === 'string') out.push(o['text']);
      Object.values(o).forEach(walk);
    }
  };
  walk(m.blocks);
  return out;
}
