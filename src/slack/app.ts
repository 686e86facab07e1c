import { App, HTTPReceiver } from '@slack/bolt';
import type { BlockButtonAction, CustomRoute } from '@slack/bolt';
import type { WebClient, WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.js';
import { notifierWebClientOptions } from './notifier/index.js';
import type { ListenerDeps } from './listeners/deps.js';
import { answerSlashCommand } from './listeners/slash-command.js';
import { answerCardAction, type CardAction } from './listeners/actions.js';
import { renderPlainEphemeral } from './views/index.js';
import { actorOf, NO_ACTOR_ANSWER } from './listeners/actor.js';
import { FreshSocketModeReceiver, guardHttpReceiver } from './ingress/fresh-receivers.js';


export type SlackConnection =
  | { mode: 'http'; botToken: string; signingSecret: string; port: number; apiUrl?: string }
  | { mode: 'socket'; botToken: string; appToken: string; port: number; apiUrl?: string };

const EVENTS_PATH = '/slack/events';

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
 * WebClient options for lookups made before an ack (user groups): a 429 is rejected at once and
 * one quick retry covers a network blip, so the ack never waits on Slack's Retry-After.
 */
export function preAckClientOptions(apiUrl: string | undefined, logger: Logger): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 300 },
    timeout: 2_000,
    logger: boltLogger(logger),
  };
}

/**
 * The unmodified Bolt app in HTTP mode (`POST /slack/events`; the ±5-minute window and signature
 * verification always on) or Socket Mode, chosen by which token is configured. `routes` (health, readiness, metrics) are
 * served by the same HTTP server in HTTP mode and by the receiver's side server in Socket Mode.
 */
export function createSlackApp(opts: { connection: SlackConnection; routes: CustomRoute[]; deps: ListenerDeps; logger: Logger }): SlackApp {
  const { connection, logger } = opts;
  const clientOptions = webClientOptions(connection.apiUrl, logger);
  const log = boltLogger(logger);
  // Both receivers refuse requests outside Slack's ±5-minute window before Bolt dispatches them.
  const receiver =
    connection.mode === 'http'
      ? guardHttpReceiver(
          new HTTPReceiver({
            signingSecret: connection.signingSecret,
            endpoints: EVENTS_PATH,
            port: connection.port,
            customRoutes: opts.routes,
            signatureVerification: true,
            logger: log,
          }),
          [EVENTS_PATH],
          { logger },
        )
      : new FreshSocketModeReceiver(
          { appToken: connection.appToken, logger: log, customRoutes: opts.routes, installerOptions: { port: connection.port, clientOptions } },
          { logger },
        );
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
    const user = actorOf(command.user_id);
    if (!user) {
      deps.logger.warn({ command: command.command }, 'refused a Slack payload without a user');
      await ack({ response_type: 'ephemeral', text: NO_ACTOR_ANSWER });
      return;
    }
    const response = await answerSlashCommand(deps, {
      text: command.text,
      user,
      channel: command.channel_id,
      triggerId: command.trigger_id,
    });
    await ack(response);
  });

  app.action<BlockButtonAction>(/^shipmate_(approve|deny|cancel)$/, async ({ ack, action, body, respond }) => {
    await ack();
    // Optional chaining: the type promises a user, a forged or broken payload may not have one.
    const user = actorOf((body.user as { id?: unknown } | undefined)?.id);
    if (!user) {
      deps.logger.warn({ action: action.action_id }, 'refused a Slack payload without a user');
      return;
    }
    const kind = action.action_id.replace('shipmate_', '') as CardAction;
    const answer = await answerCardAction(deps, { action: kind, requestId: action.value ?? '', user });
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
