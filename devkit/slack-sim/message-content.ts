import { validateBlocks } from './block-kit.js';
import { BOT, TEAM } from './state.js';
import type { SimMessage } from './types.js';

export const MAX_TEXT = 40_000;

export type Content =
  | { ok: true; text: string; blocks: unknown[] | undefined; warnings: string[] }
  | { ok: false; error: string; errors?: string[] };

/**
 * Text + blocks of a chat.* call or response_url post, checked like Slack: Block Kit limits,
 * `no_text` when there is nothing to show, a warning when blocks come without fallback text.
 */
export function messageContent(args: Record<string, unknown>, requireSomething = true): Content {
  const warnings: string[] = [];
  const blocks = args.blocks;
  const check = validateBlocks(blocks);
  if (!check.ok) return { ok: false, error: check.error, errors: check.errors };
  let text = typeof args.text === 'string' ? args.text : undefined;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (text === undefined || text === '') {
    if (!hasBlocks && requireSomething && args.attachments === undefined) return { ok: false, error: 'no_text' };
    if (hasBlocks) warnings.push('missing_text');
  }
  if (text !== undefined && text.length > MAX_TEXT) {
    text = text.slice(0, MAX_TEXT);
    warnings.push('text_truncated');
  }
  return { ok: true, text: text ?? '', blocks: Array.isArray(blocks) ? blocks : undefined, warnings };
}

/** The message object Slack returns from chat.* and embeds in block_actions payloads. */
export function slackMessageShape(m: SimMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', text: m.text, ts: m.ts, team: TEAM.id };
  if (m.botId !== undefined) {
    Object.assign(out, { user: BOT.userId, bot_id: m.botId, app_id: BOT.appId, subtype: undefined });
  } else if (m.user !== undefined) out.user = m.user;
  if (m.blocks.length > 0) out.blocks = m.blocks;
  if (m.threadTs !== undefined) out.thread_ts = m.threadTs;
  if (m.replyCount > 0) Object.assign(out, { reply_count: m.replyCount, latest_reply: m.latestReply });
  if (m.edited) out.edited = { user: BOT.userId, ts: m.edited.ts };
  if (m.files.length > 0) out.files = m.files.map((f) => ({ id: f.id, name: f.name, title: f.title }));
  if (m.pinnedTo) out.pinned_to = [...m.pinnedTo];
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/** A message's permalink on the sim, shaped like Slack's (`/archives/C…/p…`, replies name their thread). */
export function permalinkOf(baseUrl: string, m: SimMessage): string {
  const link = `${baseUrl}/archives/${m.channel}/p${m.ts.replace('.', '')}`;
  return m.threadTs !== undefined && m.threadTs !== m.ts ? `${link}?thread_ts=${m.threadTs}&cid=${m.channel}` : link;
}
