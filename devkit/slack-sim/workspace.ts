import type { SimChannel, SimEphemeral, SimFile, SimMessage, SimPin, SimUser } from './types.js';

/** What a poster supplies; the workspace assigns ts and the thread bookkeeping, and files default to none. */
export type NewMessage = Pick<SimMessage, 'channel' | 'text' | 'blocks' | 'user' | 'botId' | 'threadTs' | 'replyBroadcast'> & { files?: SimFile[] };

/**
 * Channel state: messages, threads, ephemerals. Every mutation bumps `version` so the console can
 * poll cheaply.
 */
export class Workspace {
  readonly channels = new Map<string, SimChannel>();
  readonly users = new Map<string, SimUser>();
  readonly ephemerals: SimEphemeral[] = [];
  private readonly byChannel = new Map<string, SimMessage[]>();
  private readonly byTs = new Map<string, SimMessage>();
  private readonly pinsByChannel = new Map<string, SimPin[]>();
  private lastMicros = 0;
  version = 0;

  constructor(channels: SimChannel[], users: SimUser[], private readonly strictChannels: boolean) {
    for (const c of channels) this.channels.set(c.id, c);
    for (const u of users) this.users.set(u.id, u);
  }

  /** Unique, strictly increasing, Slack-shaped ts from the wall clock (the console shows it as the time). */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 100);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Resolve an id or `#name`; auto-create unknown ids unless strict. */
  resolveChannel(ref: string): SimChannel | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, '');
    for (const c of this.channels.values()) if (c.name === name) return c;
    if (this.strictChannels || !/^[CGDU][A-Z0-9]+$/.test(ref)) return undefined;
    const created = { id: ref, name: ref.toLowerCase() };
    this.channels.set(ref, created);
    return created;
  }

  post(m: NewMessage): SimMessage {
    const msg: SimMessage = {
      ts: this.nextTs(), channel: m.channel, text: m.text, blocks: m.blocks, replies: [], replyCount: 0,
      files: m.files ?? [], edits: 0,
    };
    if (m.user !== undefined) msg.user = m.user;
    if (m.botId !== undefined) msg.botId = m.botId;
    const parent = m.threadTs !== undefined ? this.find(m.channel, m.threadTs) : undefined;
    if (parent) {
      // Replies always hang off the thread root, even when thread_ts names a reply.
      const root = parent.threadTs !== undefined ? this.find(m.channel, parent.threadTs) ?? parent : parent;
      msg.threadTs = root.ts;
      if (m.replyBroadcast) msg.replyBroadcast = true;
      root.replies.push(msg);
      root.replyCount = root.replies.length;
      root.latestReply = msg.ts;
      if (root.threadTs === undefined) root.threadTs = root.ts;
    }
    if (!parent || m.replyBroadcast) this.list(m.channel).push(msg);
    this.byTs.set(key(m.channel, msg.ts), msg);
    this.version += 1;
    return msg;
  }

  find(channel: string, ts: string): SimMessage | undefined {
    return this.byTs.get(key(channel, ts));
  }

  update(msg: SimMessage, patch: { text?: string; blocks?: unknown[] }): void {
    if (patch.text !== undefined) msg.text = patch.text;
    if (patch.blocks !== undefined) msg.blocks = patch.blocks;
    msg.edited = { ts: this.nextTs() };
    msg.edits += 1;
    this.version += 1;
  }

  remove(msg: SimMessage): void {
    this.unpin(msg);
    this.byTs.delete(key(msg.channel, msg.ts));
    const list = this.list(msg.channel);
    const i = list.indexOf(msg);
    if (i >= 0) list.splice(i, 1);
    this.version += 1;
  }

  /** Pins a message to its channel; false when it already is. */
  pin(msg: SimMessage, by: string): boolean {
    if (msg.pinnedTo !== undefined) return false;
    const pin: SimPin = { channel: msg.channel, ts: msg.ts, created: Math.floor(Date.now() / 1000), createdBy: by };
    this.pinsByChannel.set(msg.channel, [pin, ...this.pins(msg.channel)]);
    msg.pinnedTo = [msg.channel];
    this.version += 1;
    return true;
  }

  /** Un-pins a message; false when it was not pinned. */
  unpin(msg: SimMessage): boolean {
    if (msg.pinnedTo === undefined) return false;
    this.pinsByChannel.set(msg.channel, this.pins(msg.channel).filter((p) => p.ts !== msg.ts));
    delete msg.pinnedTo;
    this.version += 1;
    return true;
  }

  /** The channel's pins, newest first (copies). */
  pins(channel: string): SimPin[] {
    return (this.pinsByChannel.get(channel) ?? []).map((p) => ({ ...p }));
  }

  addEphemeral(e: Omit<SimEphemeral, 'ts'>): SimEphemeral {
    const eph: SimEphemeral = { ...e, ts: this.nextTs() };
    this.ephemerals.push(eph);
    this.version += 1;
    return eph;
  }

  touch(): void {
    this.version += 1;
  }

  /** Top-level messages of a channel (live objects; callers snapshot). */
  list(channel: string): SimMessage[] {
    let l = this.byChannel.get(channel);
    if (!l) {
      l = [];
      this.byChannel.set(channel, l);
    }
    return l;
  }
}

function key(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}
