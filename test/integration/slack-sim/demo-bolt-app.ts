import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { SlackSim } from '../../../devkit/slack-sim/index.js';

/** Fast, bounded retries so a broken sim fails the test instead of retrying for minutes. */
export const fastRetries = { retries: 3, factor: 1, minTimeout: 20, maxTimeout: 50 };

export const CARD_TEXT = 'Rollback api-service in prod?';

function card(requestId: string): KnownBlock[] {
  return [
    { type: 'section', block_id: `req-${requestId}`, text: { type: 'mrkdwn', text: `*${CARD_TEXT}*` } },
    {
      type: 'actions', block_id: `act-${requestId}`,
      elements: [
        { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value: requestId },
        { type: 'button', action_id: 'deny', text: { type: 'plain_text', text: 'Deny' }, style: 'danger', value: requestId },
      ],
    },
  ];
}

/**
 * A tiny Bolt app shaped like Shipmate: `/k8s` acks with an ephemeral, posts a card with buttons;
 * Approve updates the card with chat.update and replies in the thread.
 */
export function registerDemoHandlers(app: App): void {
  app.command('/k8s', async ({ ack, command, client }) => {
    await ack({ response_type: 'ephemeral', text: `Got it: ${command.text}` });
    await client.chat.postMessage({ channel: command.channel_id, text: CARD_TEXT, blocks: card('R-1') });
  });
  app.action('approve', async ({ ack, body, client, action }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !body.channel || !body.message) return;
    const ts = body.message.ts;
    await client.chat.update({
      channel: body.channel.id, ts, text: `Approved by <@${body.user.id}>`,
      blocks: [{ type: 'section', block_id: 'approved-1', text: { type: 'mrkdwn', text: `Approved by <@${body.user.id}> (${action.value ?? ''})` } }],
    });
    await client.chat.postMessage({ channel: body.channel.id, thread_ts: ts, text: 'Rolling back…' });
  });
}

/**
 * The demo app in Socket Mode. bolt 5 hands `installerOptions.clientOptions` to the socket-mode
 * client, whose WebClient calls apps.connections.open: that is where slackApiUrl must go too.
 * `clientPingTimeout` also paces reconnects (the client waits that long before reconnecting).
 */
export async function startSocketApp(sim: SlackSim, opts: { clientPingTimeout?: number } = {}): Promise<App> {
  const clientOptions = { slackApiUrl: sim.apiUrl, retryConfig: fastRetries };
  const receiver = new SocketModeReceiver({
    appToken: 'xapp-sim', logLevel: LogLevel.ERROR, clientPingTimeout: opts.clientPingTimeout ?? 5000,
    installerOptions: { clientOptions: { ...clientOptions } },
  });
  const app = new App({ token: 'xoxb-sim', receiver, logLevel: LogLevel.ERROR, clientOptions });
  registerDemoHandlers(app);
  await app.start();
  return app;
}

/** The same handlers in HTTP mode on a random port; returns the app and its /slack/events URL. */
export async function startHttpApp(sim: SlackSim, signingSecret = 'sim-signing-secret'): Promise<{ app: App; eventsUrl: string }> {
  const app = new App({
    token: 'xoxb-sim', signingSecret, logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: sim.apiUrl, retryConfig: fastRetries },
  });
  registerDemoHandlers(app);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('HTTP app has no port');
  return { app, eventsUrl: `http://127.0.0.1:${address.port}/slack/events` };
}
