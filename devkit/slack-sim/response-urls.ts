import { messageContent } from './message-content.js';
import { BOT } from './state.js';
import type { SimState } from './state.js';
import type { ResponseUrlPost } from './types.js';

const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

/** What a response_url (or an ack body) answers to: the invoking user, channel, and clicked message. */
export interface ResponseContext {
  channel: string;
  user: string;
  /** Set for interactions: the message holding the clicked button. */
  messageTs?: string;
}

interface Entry {
  ctx: ResponseContext;
  uses: number;
  expiresAt: number;
}

export interface ResponseAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** response_url bookkeeping (5 uses / 30 min) and how a response changes the channel. */
export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly s: SimState) {}

  create(ctx: ResponseContext): string {
    const id = `${ctx.channel}-${this.s.seq()}-${Math.random().toString(36).slice(2, 10)}`;
    this.entries.set(id, { ctx, uses: 0, expiresAt: Date.now() + LIFETIME_MS });
    return `${this.s.url}/response/${id}`;
  }

  /** A POST to `/response/<id>`. */
  post(id: string, body: Record<string, unknown>): ResponseAnswer {
    const e = this.entries.get(id);
    const error = !e ? 'invalid_url' : Date.now() > e.expiresAt ? 'expired_url' : e.uses >= MAX_USES ? 'used_url' : undefined;
    if (!e || error !== undefined) return this.record(id, body, 'response_url', 404, error ?? 'invalid_url');
    e.uses += 1;
    return this.apply(id, e.ctx, body, 'response_url');
  }

  /** An ack body that carries a message (HTTP response body or Socket Mode ack payload). */
  applyAck(ctx: ResponseContext, body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const b = body as Record<string, unknown>;
    if (b.text === undefined && b.blocks === undefined) return;
    this.apply('ack', ctx, b, 'ack');
  }

  private apply(id: string, ctx: ResponseContext, body: Record<string, unknown>, source: ResponseUrlPost['source']): ResponseAnswer {
    const { ws } = this.s;
    const original = ctx.messageTs !== undefined ? ws.find(ctx.channel, ctx.messageTs) : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original) ws.remove(original);
      else this.removeEphemeral(ctx);
      return this.record(id, body, source, 200);
    }
    const c = messageContent(body);
    if (!c.ok) return this.record(id, body, source, 400, c.error, c.errors);
    const blocks = c.blocks ?? [];
    if (body.replace_original === true || body.replace_original === 'true') {
      if (original) ws.update(original, { text: c.text, blocks });
      else this.replaceEphemeral(ctx, c.text, blocks);
      return this.record(id, body, source, 200);
    }
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (body.response_type === 'in_channel') {
      ws.post({ channel: ctx.channel, text: c.text, blocks, botId: BOT.botId, ...(threadTs !== undefined ? { threadTs } : {}) });
    } else {
      ws.addEphemeral({ channel: ctx.channel, user: ctx.user, text: c.text, blocks, source, ...(threadTs !== undefined ? { threadTs } : {}) });
    }
    return this.record(id, body, source, 200);
  }

  private findEphemeral(ctx: ResponseContext): number {
    return this.s.ws.ephemerals.findIndex((e) => e.ts === ctx.messageTs && e.channel === ctx.channel);
  }

  private removeEphemeral(ctx: ResponseContext): void {
    const i = this.findEphemeral(ctx);
    if (i >= 0) this.s.ws.ephemerals.splice(i, 1);
    this.s.ws.touch();
  }

  private replaceEphemeral(ctx: ResponseContext, text: string, blocks: unknown[]): void {
    const e = this.s.ws.ephemerals[this.findEphemeral(ctx)];
    if (e) Object.assign(e, { text, blocks });
    this.s.ws.touch();
  }

  private record(
    id: string, body: Record<string, unknown>, source: ResponseUrlPost['source'], status: number, error?: string, errors?: string[],
  ): ResponseAnswer {
    const entry: ResponseUrlPost = { id, body, at: Date.now(), ok: status === 200, source };
    if (error !== undefined) entry.error = error;
    this.s.responses.push(entry);
    const answer = error === undefined ? { ok: true } : { ok: false, error, ...(errors ? { errors } : {}) };
    return { status, body: answer };
  }
}
