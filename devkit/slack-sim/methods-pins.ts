import { ApiFailure, type MethodResult } from './api-failure.js';
import { permalinkOf, slackMessageShape } from './message-content.js';
import { channelOf } from './methods-chat.js';
import { BOT } from './state.js';
import type { SimState } from './state.js';
import type { SimMessage } from './types.js';

type Args = Record<string, unknown>;

/**
 * The message a pins.add / pins.remove call names. Slack wants `channel` and `timestamp`; files
 * and file comments can no longer be pinned, so a call without `timestamp` names nothing.
 */
function pinTarget(s: SimState, args: Args): SimMessage {
  const channel = channelOf(s, args);
  const ts = args.timestamp;
  if (ts === undefined || ts === '') throw new ApiFailure('no_item_specified');
  if (typeof ts !== 'string' || !/^\d+\.\d+$/.test(ts)) throw new ApiFailure('bad_timestamp');
  const msg = s.ws.find(channel, ts);
  if (!msg) throw new ApiFailure('message_not_found');
  return msg;
}

function add(s: SimState, args: Args): MethodResult {
  if (!s.ws.pin(pinTarget(s, args), BOT.userId)) throw new ApiFailure('already_pinned');
  return { body: {} };
}

function remove(s: SimState, args: Args): MethodResult {
  if (!s.ws.unpin(pinTarget(s, args))) throw new ApiFailure('not_pinned');
  return { body: {} };
}

function list(s: SimState, args: Args): MethodResult {
  const channel = channelOf(s, args);
  const items = s.ws.pins(channel).flatMap((p) => {
    const msg = s.ws.find(channel, p.ts);
    if (!msg) return [];
    return [{
      type: 'message', channel, created: p.created, created_by: p.createdBy,
      message: { ...slackMessageShape(msg), permalink: permalinkOf(s.url, msg) },
    }];
  });
  return { body: { items } };
}

export const pinMethods: Record<string, (s: SimState, args: Args) => MethodResult> = {
  'pins.add': add,
  'pins.remove': remove,
  'pins.list': list,
};
