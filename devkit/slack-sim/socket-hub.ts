import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { BOT } from './state.js';
import type { DeliveryResult } from './types.js';

export interface SocketHubOptions {
  ackTimeoutMs: number;
  pingIntervalMs: number;
  maxAttempts?: number;
}

interface PendingAck {
  resolve: (payload: unknown) => void;
}

/**
 * The Socket Mode side of Slack: one-time tickets from apps.connections.open, `hello` on connect,
 * envelopes delivered round-robin to ONE live connection and redelivered elsewhere when not acked.
 */
export class SocketHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly live: WebSocket[] = [];
  private readonly pending = new Map<string, PendingAck>();
  private next = 0;
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly opts: SocketHubOptions) {
    this.pinger = setInterval(() => this.live.forEach((ws) => ws.ping('sim')), opts.pingIntervalMs);
    this.pinger.unref();
  }

  issueUrl(baseUrl: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}/socket?ticket=${ticket}`;
  }

  connections(): number {
    return this.live.filter((w) => w.readyState === WebSocket.OPEN).length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = new URL(req.url ?? '/', 'http://sim').searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.live.push(ws);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onMessage(data.toString());
    });
    ws.on('close', () => {
      const i = this.live.indexOf(ws);
      if (i >= 0) this.live.splice(i, 1);
    });
    ws.on('error', () => ws.terminate());
    ws.send(JSON.stringify({
      type: 'hello',
      num_connections: this.connections(),
      debug_info: { host: 'applink-sim', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: BOT.appId },
    }));
  }

  private onMessage(text: string): void {
    let msg: { envelope_id?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.envelope_id !== 'string') return;
    const p = this.pending.get(msg.envelope_id);
    if (p) {
      this.pending.delete(msg.envelope_id);
      p.resolve(msg.payload ?? {});
    }
  }

  /** Ask every connection to reconnect (Slack's `disconnect` message). */
  disconnectAll(reason: 'warning' | 'refresh_requested' | 'too_many_websockets' = 'refresh_requested'): void {
    for (const ws of this.live) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-sim' } }));
  }

  /** Round-robin over open connections, preferring ones this envelope has not been sent to yet. */
  private pick(tried: Set<WebSocket>): WebSocket | undefined {
    const open = this.live.filter((w) => w.readyState === WebSocket.OPEN);
    if (open.length === 0) return undefined;
    for (let i = 0; i < open.length; i += 1) {
      this.next = (this.next + 1) % open.length;
      const ws = open[this.next];
      if (ws && !tried.has(ws)) return ws;
    }
    return open[this.next % open.length];
  }

  async deliver(type: 'slash_commands' | 'interactive', payload: Record<string, unknown>): Promise<DeliveryResult> {
    const envelopeId = randomUUID();
    const started = Date.now();
    const acked = new Promise<unknown>((resolve) => this.pending.set(envelopeId, { resolve }));
    const tried = new Set<WebSocket>();
    const max = this.opts.maxAttempts ?? 3;
    for (let attempt = 0; attempt < max; attempt += 1) {
      const ws = this.pick(tried);
      if (!ws) break;
      tried.add(ws);
      ws.send(JSON.stringify({
        envelope_id: envelopeId, type, payload, accepts_response_payload: true,
        retry_attempt: attempt, retry_reason: attempt === 0 ? '' : 'timeout',
      }));
      const body = await within(acked, this.opts.ackTimeoutMs);
      if (body !== TIMEOUT) {
        return { mode: 'socket', status: 200, body, acked: true, ackMs: Date.now() - started, envelopeId, attempts: attempt + 1 };
      }
    }
    this.pending.delete(envelopeId);
    return { mode: 'socket', status: 0, body: undefined, acked: false, ackMs: Date.now() - started, envelopeId, attempts: tried.size };
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    for (const ws of this.live) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

const TIMEOUT = Symbol('timeout');

async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
