import { BOT } from '../state.js';
import type { SimState } from '../state.js';
import type { SimMessage } from '../types.js';

interface ViewMessage {
  ts: string;
  author: string;
  isBot: boolean;
  text: string;
  blocks: unknown[];
  edited: boolean;
  pinned: boolean;
  files: { id: string; title: string; url: string; size: number }[];
  replies: ViewMessage[];
}

function view(s: SimState, m: SimMessage): ViewMessage {
  const author = m.botId !== undefined ? BOT.name : s.ws.users.get(m.user ?? '')?.name ?? m.user ?? 'unknown';
  return {
    ts: m.ts, author, isBot: m.botId !== undefined, text: m.text, blocks: m.blocks, edited: m.edits > 0, pinned: m.pinnedTo !== undefined,
    files: m.files.map((f) => ({ id: f.id, title: f.title, url: `/files/${encodeURIComponent(f.id)}`, size: f.length })),
    replies: m.replies.map((r) => view(s, r)),
  };
}

/** What the console page renders, for one channel as seen by one user. */
export function consoleState(s: SimState, q: { channel: string; user: string; since: number }): Record<string, unknown> {
  const version = s.ws.version;
  if (q.since === version) return { version, unchanged: true };
  const channels = [...s.ws.channels.values()];
  const channel = s.ws.channels.get(q.channel) ?? channels[0];
  const roles = s.opts.consoleUsers;
  const users = (['requester', 'approver', 'bystander'] as const).map((role) => {
    const id = roles[role];
    return { role, id, name: s.ws.users.get(id)?.name ?? id };
  });
  if (!channel) return { version, channels, users, channel: '', messages: [], ephemerals: [] };
  const ephemerals = s.ws.ephemerals
    .filter((e) => e.channel === channel.id && e.user === q.user)
    .map((e) => ({ ts: e.ts, text: e.text, blocks: e.blocks, threadTs: e.threadTs ?? null }));
  return {
    version, channels, users, channel: channel.id, bot: BOT.name,
    messages: s.ws.list(channel.id).map((m) => view(s, m)),
    ephemerals,
  };
}
