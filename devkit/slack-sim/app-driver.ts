import { deliverHttp } from './http-delivery.js';
import { blockActionsPayload, findButton, slashCommandFields } from './payloads.js';
import type { ResponseContext, ResponseUrls } from './response-urls.js';
import type { SocketHub } from './socket-hub.js';
import type { SimState } from './state.js';
import type { ClickButtonInput, DeliveryResult, SimChannel, SimUser, SlashCommandInput } from './types.js';

/** Plays the user: turns "typed a command" / "clicked a button" into what Slack sends the app. */
export class AppDriver {
  constructor(
    private readonly s: SimState,
    private readonly hub: SocketHub,
    private readonly responses: ResponseUrls,
  ) {}

  private mode(forced: 'http' | 'socket' | undefined): 'http' | 'socket' {
    if (forced) return forced;
    if (this.hub.connections() > 0) return 'socket';
    if (this.s.opts.eventsUrl !== undefined) return 'http';
    throw new Error('slack-sim: no app connected (no Socket Mode connection and no eventsUrl)');
  }

  private who(userId: string, channelRef: string): { user: SimUser; channel: SimChannel } {
    const user = this.s.ws.users.get(userId);
    if (!user) throw new Error(`slack-sim: unknown user ${userId}`);
    const channel = this.s.ws.resolveChannel(channelRef);
    if (!channel) throw new Error(`slack-sim: unknown channel ${channelRef}`);
    return { user, channel };
  }

  private triggerId(): string {
    return `${this.s.seq()}.${Date.now()}.sim${Math.random().toString(16).slice(2, 10)}`;
  }

  async slashCommand(p: SlashCommandInput): Promise<DeliveryResult> {
    const { user, channel } = this.who(p.user, p.channel);
    const ctx: ResponseContext = { channel: channel.id, user: user.id };
    const fields = slashCommandFields({
      user, channel, command: p.command ?? '/k8s', text: p.text,
      responseUrl: this.responses.create(ctx), triggerId: p.triggerId ?? this.triggerId(),
    });
    const mode = this.mode(p.mode);
    const result = mode === 'socket'
      ? await this.hub.deliver('slash_commands', fields)
      : await this.http(new URLSearchParams(fields).toString(), p.retryNum);
    if (result.acked) this.responses.applyAck(ctx, asMessageBody(result.body));
    this.s.ws.touch();
    return result;
  }

  async clickButton(p: ClickButtonInput): Promise<DeliveryResult> {
    const { user, channel } = this.who(p.user, p.channel);
    const stored = this.s.ws.find(channel.id, p.messageTs);
    const eph = stored ? undefined : this.s.ws.ephemerals.find((e) => e.ts === p.messageTs && e.channel === channel.id);
    const message = stored ?? eph;
    if (!message) throw new Error(`slack-sim: no message ${p.messageTs} in ${channel.id}`);
    const button = findButton(message.blocks, { ...(p.text !== undefined ? { text: p.text } : {}), ...(p.actionId !== undefined ? { actionId: p.actionId } : {}) });
    const ctx: ResponseContext = { channel: channel.id, user: user.id, messageTs: message.ts };
    const payload = blockActionsPayload({
      user, channel, message, ephemeral: !stored, button, responseUrl: this.responses.create(ctx),
      triggerId: this.triggerId(), actionTs: p.actionTs ?? this.s.ws.nextTs(),
    });
    const mode = this.mode(p.mode);
    const result = mode === 'socket'
      ? await this.hub.deliver('interactive', payload)
      : await this.http(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), undefined);
    this.s.ws.touch();
    return result;
  }

  private async http(rawBody: string, retryNum: number | undefined): Promise<DeliveryResult> {
    const eventsUrl = this.s.opts.eventsUrl;
    if (eventsUrl === undefined) throw new Error('slack-sim: HTTP mode needs eventsUrl (setEventsUrl)');
    return deliverHttp({
      eventsUrl, signingSecret: this.s.opts.signingSecret, rawBody, timeoutMs: this.s.opts.httpTimeoutMs,
      ...(retryNum !== undefined ? { retryNum } : {}),
    });
  }
}

function asMessageBody(body: unknown): unknown {
  return typeof body === 'string' && body !== '' ? { text: body } : body;
}
