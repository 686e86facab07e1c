import { messageContent, permalinkOf, slackMessageShape } from './message-content.js';
import { BOT } from './state.js';
import type { SimState } from './state.js';
import type { SimMessage } from './types.js';
import { ApiFailure, type MethodResult } from './api-failure.js';

type Args = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1';

export function channelOf(s: SimState, args: Args): string {
  const ref = str(args.channel);
  if (ref === undefined) throw new ApiFailure('channel_not_found');
  const ch = s.ws.resolveChannel(ref);
  if (!ch) throw new ApiFailure('channel_not_found');
  return ch.id;
}

function content(args: Args, requireSomething = true): { text: string; blocks: unknown[] | undefined; warnings: string[] } {
  const c = messageContent(args, requireSomething);
  if (!c.ok) throw new ApiFailure(c.error, c.errors ? { errors: c.errors } : {});
  return c;
}

/** The message `args[tsArg]` names in the channel; Slack answers message_not_found for a missing or unknown ts. */
function messageAt(s: SimState, channel: string, args: Args, tsArg: 'ts' | 'message_ts'): SimMessage {
  const ts = str(args[tsArg]);
  const msg = ts !== undefined ? s.ws.find(channel, ts) : undefined;
  if (!msg) throw new ApiFailure('message_not_found');
  return msg;
}

function postMessage(s: SimState, args: Args): MethodResult {
  const channel = channelOf(s, args);
  const c = content(args);
  const threadTs = str(args.thread_ts);
  if (threadTs !== undefined && !s.ws.find(channel, threadTs)) throw new ApiFailure('thread_not_found');
  const msg = s.ws.post({
    channel, text: c.text, blocks: c.blocks ?? [], botId: BOT.botId,
    ...(threadTs !== undefined ? { threadTs } : {}),
    replyBroadcast: truthy(args.reply_broadcast),
  });
  return { body: { channel, ts: msg.ts, message: slackMessageShape(msg) }, warnings: c.warnings };
}

function update(s: SimState, args: Args): MethodResult {
  const channel = channelOf(s, args);
  const msg = messageAt(s, channel, args, 'ts');
  if (msg.botId === undefined) throw new ApiFailure('cant_update_message');
  const c = content(args, false);
  s.ws.update(msg, { text: c.text === '' && c.blocks ? msg.text : c.text, ...(c.blocks ? { blocks: c.blocks } : {}) });
  return { body: { channel, ts: msg.ts, text: msg.text, message: slackMessageShape(msg) }, warnings: c.warnings };
}

function postEphemeral(s: SimState, args: Args): MethodResult {
  const channel = channelOf(s, args);
  const user = str(args.user);
  if (user === undefined || !s.ws.users.has(user)) throw new ApiFailure('user_not_found');
  const c = content(args);
  const threadTs = str(args.thread_ts);
  const eph = s.ws.addEphemeral({
    channel, user, text: c.text, blocks: c.blocks ?? [], source: 'chat.postEphemeral',
    ...(threadTs !== undefined ? { threadTs } : {}),
  });
  return { body: { message_ts: eph.ts }, warnings: c.warnings };
}

function getPermalink(s: SimState, args: Args): MethodResult {
  const channel = channelOf(s, args);
  const msg = messageAt(s, channel, args, 'message_ts');
  return { body: { channel, permalink: permalinkOf(s.url, msg) } };
}

function deleteMessage(s: SimState, args: Args): MethodResult {
  const channel = channelOf(s, args);
  const msg = messageAt(s, channel, args, 'ts');
  if (msg.botId === undefined) throw new ApiFailure('cant_delete_message');
  s.ws.remove(msg);
  return { body: { channel, ts: msg.ts } };
}

export const chatMethods: Record<string, (s: SimState, args: Args) => MethodResult> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'chat.delete': deleteMessage,
};
