import { slackMessageShape } from './message-content.js';
import { BOT, TEAM } from './state.js';
import type { SimChannel, SimEphemeral, SimMessage, SimUser } from './types.js';

/** Slack still sends the deprecated verification token; apps must not rely on it. */
export const VERIFICATION_TOKEN = 'sim-verification-token';

export interface FoundButton {
  blockId: string;
  actionId: string;
  text: string;
  value?: string;
  style?: string;
}

/** Slash command fields, in the order Slack sends them (form-encoded over HTTP, JSON in Socket Mode). */
export function slashCommandFields(p: {
  user: SimUser; channel: SimChannel; command: string; text: string; responseUrl: string; triggerId: string;
}): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: p.channel.id,
    channel_name: p.channel.name,
    user_id: p.user.id,
    user_name: p.user.name,
    command: p.command,
    text: p.text,
    api_app_id: BOT.appId,
    is_enterprise_install: 'false',
    response_url: p.responseUrl,
    trigger_id: p.triggerId,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

function buttonsIn(blocks: unknown[]): FoundButton[] {
  const out: FoundButton[] = [];
  const add = (blockId: string, el: unknown): void => {
    if (!isObj(el) || el.type !== 'button') return;
    const text = isObj(el.text) && typeof el.text.text === 'string' ? el.text.text : '';
    const b: FoundButton = { blockId, actionId: String(el.action_id ?? ''), text };
    if (typeof el.value === 'string') b.value = el.value;
    if (typeof el.style === 'string') b.style = el.style;
    out.push(b);
  };
  for (const block of blocks) {
    if (!isObj(block)) continue;
    const blockId = String(block.block_id ?? '');
    if (block.type === 'actions' && Array.isArray(block.elements)) block.elements.forEach((el) => add(blockId, el));
    if (block.type === 'section') add(blockId, block.accessory);
  }
  return out;
}

/** Find a button by action_id or visible text (exact first, then case-insensitive). */
export function findButton(blocks: unknown[], q: { text?: string; actionId?: string }): FoundButton {
  const all = buttonsIn(blocks);
  const hit = q.actionId !== undefined
    ? all.find((b) => b.actionId === q.actionId)
    : all.find((b) => b.text === q.text) ?? all.find((b) => b.text.toLowerCase() === (q.text ?? '').toLowerCase());
  if (!hit) {
    const have = all.map((b) => `"${b.text}" (${b.actionId})`).join(', ') || 'none';
    throw new Error(`slack-sim: no button ${q.actionId ?? `"${q.text ?? ''}"`} in message; buttons: ${have}`);
  }
  return hit;
}

/** A faithful `block_actions` payload for a click on `button` in `message` (or an ephemeral). */
export function blockActionsPayload(p: {
  user: SimUser; channel: SimChannel; message: SimMessage | SimEphemeral; ephemeral: boolean;
  button: FoundButton; responseUrl: string; triggerId: string; actionTs: string;
}): Record<string, unknown> {
  const action: Obj = {
    type: 'button', block_id: p.button.blockId, action_id: p.button.actionId,
    text: { type: 'plain_text', text: p.button.text, emoji: true }, action_ts: p.actionTs,
  };
  if (p.button.value !== undefined) action.value = p.button.value;
  if (p.button.style !== undefined) action.style = p.button.style;
  const payload: Obj = {
    type: 'block_actions',
    user: { id: p.user.id, username: p.user.name, name: p.user.name, team_id: TEAM.id },
    api_app_id: BOT.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: p.message.ts, channel_id: p.channel.id, is_ephemeral: p.ephemeral },
    trigger_id: p.triggerId,
    team: { id: TEAM.id, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: p.channel.id, name: p.channel.name },
    state: { values: {} },
    response_url: p.responseUrl,
    actions: [action],
  };
  // Slack omits the message for clicks in ephemeral messages.
  if (!p.ephemeral) payload.message = slackMessageShape(p.message as SimMessage);
  return payload;
}
