import { ApiFailure, type MethodResult } from './api-failure.js';
import { BOT, TEAM } from './state.js';
import type { SimState } from './state.js';
import type { SimUser } from './types.js';

type Args = Record<string, unknown>;

function userShape(u: SimUser): Record<string, unknown> {
  const realName = u.realName ?? u.name;
  return {
    id: u.id, team_id: TEAM.id, name: u.name, deleted: false, real_name: realName, tz: 'Etc/UTC',
    is_bot: false, is_admin: false,
    profile: { real_name: realName, display_name: u.name, email: `${u.name}@shipmate.example` },
  };
}

const botUser = (): Record<string, unknown> => ({
  id: BOT.userId, team_id: TEAM.id, name: BOT.name, deleted: false, is_bot: true,
  profile: { real_name: BOT.name, display_name: BOT.name, bot_id: BOT.botId },
});

function authTest(s: SimState): MethodResult {
  return {
    body: {
      url: `${s.url}/`, team: TEAM.name, user: BOT.name, team_id: TEAM.id, user_id: BOT.userId,
      bot_id: BOT.botId, is_enterprise_install: false,
    },
  };
}

function usersInfo(s: SimState, args: Args): MethodResult {
  const id = String(args.user ?? '');
  if (id === BOT.userId) return { body: { user: botUser() } };
  const u = s.ws.users.get(id);
  if (!u) throw new ApiFailure('user_not_found');
  return { body: { user: userShape(u) } };
}

function usersList(s: SimState): MethodResult {
  const members = [...s.ws.users.values()].map(userShape);
  return { body: { members: [...members, botUser()], response_metadata: { next_cursor: '' } } };
}

function usergroupUsers(s: SimState, args: Args): MethodResult {
  const group = s.opts.usergroups[String(args.usergroup ?? '')];
  if (!group) throw new ApiFailure('no_such_subteam');
  return { body: { users: [...group] } };
}

function conversationsInfo(s: SimState, args: Args): MethodResult {
  const ch = s.ws.resolveChannel(String(args.channel ?? ''));
  if (!ch) throw new ApiFailure('channel_not_found');
  return {
    body: {
      channel: {
        id: ch.id, name: ch.name, is_channel: true, is_private: false, is_archived: false, is_member: true,
        is_im: false, context_team_id: TEAM.id,
      },
    },
  };
}

function botsInfo(): MethodResult {
  return { body: { bot: { id: BOT.botId, name: BOT.name, app_id: BOT.appId, user_id: BOT.userId, deleted: false } } };
}

export const directoryMethods: Record<string, (s: SimState, args: Args) => MethodResult> = {
  'auth.test': authTest,
  'api.test': (_s, args) => ({ body: { args } }),
  'users.info': usersInfo,
  'users.list': usersList,
  'usergroups.users.list': usergroupUsers,
  'conversations.info': conversationsInfo,
  'bots.info': botsInfo,
};
