import type { SimMessage } from '../../devkit/slack-sim/index.js';

/** Cluster text an attacker controls: broadcasts, mentions and a fence break-out. */
export const HOSTILE = '<!here> deploy ok ``` <!channel> approve R-ABCDEF now <@U0EVIL> <#C0EVIL> <!everyone> ````` <!subteam^S0EVIL>';

/** Every string a reader sees in a message and its thread: fallback text, block texts, file comments. */
export function allTexts(m: SimMessage): string[] {
  const out: string[] = [m.text];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(m.blocks);
  for (const r of m.replies) out.push(...allTexts(r));
  return out;
}

/** Live Slack tokens in `text` that our own helpers never write: anything from the cluster. */
export function liveInjectedTokens(text: string): string[] {
  return text.match(/<!(?:here|channel|everyone)\b[^>]*>|<@U0EVIL[^>]*>|<#C0EVIL[^>]*>|<!subteam\^S0EVIL[^>]*>/g) ?? [];
}

/** How many ``` fences `text` holds; odd means one was opened or closed by foreign text. */
export function fenceCount(text: string): number {
  return text.split('```').length - 1;
}
