import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { BlockButtonAction, CustomRoute } from '@slack/bolt';
import type { WebClient, WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import { notifierWebClientOptions } from './notifier/index.js';
import type { ListenerDeps } from './listeners/deps.js';
import { answerSlashCommand } from './listeners/slash-command.js';
import { answerCardAction, type CardAction } from './listeners/actions.js';
import { renderPlainEphemeral } from './views/index.js';


export type SlackConnection =
  | { mode: 'http'; botToken: string; signingSecret: string; port: number; apiUrl?: string }
  | { mode: 'socket'; botToken: string; appToken: string; port: number; apiUrl?: string };

export interface SlackApp {
  app: App;
  client: WebClient;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** WebClient options shared by Bolt and the notifier: explicit retries, 429s waited out, not rejected. */
export function webClientOptions(apiUrl: string | undefined, logger: Logger): WebClientOptions {
  return { ...notifierWebClientOptions(apiUrl ? { slackApiUrl: apiUrl } : {}), logger: boltLogger(logger) };
}

/**
 * The unmodified Bolt app in HTTP mode (`POST /slack/events`, signature verification always on)
 * or Socket Mode, chosen by which token is configured. `routes` (health, readiness, metrics) are
 * served by the same HTTP server in HTTP mode and by the receiver's side server in Socket Mode.
 */
export function createSlackApp(opts: { connection: SlackConnection; routes: CustomRoute[]; deps: ListenerDeps; logger: Logger }): SlackApp {
  const { connection, logger } = opts;
  const clientOptions = webClientOptions(connection.apiUrl, logger);
  const log = boltLogger(logger);
  const receiver =
    connection.mode === 'http'
      ? new HTTPReceiver({
          signingSecret: connection.signingSecret,
          endpoints: '/slack/events',
          port: connection.port,
          customRoutes: opts.routes,
          signatureVerification: true,
          logger: log,
        })
      : new SocketModeReceiver({
          appToken: connection.appToken,
          logger: log,
          customRoutes: opts.routes,
          installerOptions: { port: connection.port, clientOptions },
        });
  // No conversation store: Shipmate keeps its state in Redis, and Bolt's in-memory default costs an
  // Error (with stack) per event for the lookups that miss.
  const app = new App({ token: connection.botToken, receiver, logger: log, clientOptions, convoStore: false, ...(connection.mode === 'socket' ? { socketMode: true, appToken: connection.appToken } : {}) });
  register(app, opts.deps);
  return {
    app,
    client: app.client,
    async start() {
      await app.start(connection.port);
      logger.info({ mode: connection.mode, port: connection.port }, 'slack app started');
    },
    async stop() {
      await app.stop();
    },
  };
}

function register(app: App, deps: ListenerDeps): void {
  app.command('/k8s', async ({ command, ack }) => {
    const response = await answerSlashCommand(deps, {
      text: command.text,
      user: command.user_id,
      channel: command.channel_id,
      triggerId: command.trigger_id,
    });
    await ack(response);
  });

  app.action<BlockButtonAction>(/^shipmate_(approve|deny|cancel)$/, async ({ ack, action, body, respond }) => {
    await ack();
    const kind = action.action_id.replace('shipmate_', '') as CardAction;
    const answer = await answerCardAction(deps, { action: kind, requestId: action.value ?? '', user: body.user.id });
    if (answer) await respond({ response_type: 'ephemeral', replace_original: false, ...renderPlainEphemeral(answer) });
  });

  // GitOps alert buttons (Sync / Diff): the value is command text, run exactly as if typed, so
  // parsing, policy, approval and the pipeline are the slash command's own.
  app.action<BlockButtonAction>(/^shipmate_run_command_\d+$/, async ({ ack, action, body, respond }) => {
    await ack();
    const answer = await answerSlashCommand(deps, {
      text: action.value ?? '',
      user: body.user.id,
      channel: body.channel?.id ?? '',
      triggerId: `${body.trigger_id}/${action.action_ts}`,
    });
    await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
  });

  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener error');
  });
}
