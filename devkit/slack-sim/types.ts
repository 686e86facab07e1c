/** Public shapes of slack-sim. Tests and the demo code against these; keep them stable. */

export interface SimUser {
  id: string;
  name: string;
  realName?: string;
}

export interface SimChannel {
  id: string;
  name: string;
}

export interface ConsoleUsers {
  requester: string;
  approver: string;
  bystander: string;
}

export interface SlackSimOptions {
  /** 0/undefined = random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 'xoxb-sim'. Web API calls must carry it (Authorization: Bearer) else invalid_auth. */
  botToken?: string;
  /** Default 'xapp-sim'. Only accepted by apps.connections.open. */
  appToken?: string;
  /** Default 'sim-signing-secret'. */
  signingSecret?: string;
  users?: SimUser[];
  /** Usergroup id → member user ids. */
  usergroups?: Record<string, string[]>;
  channels?: SimChannel[];
  /** HTTP mode: where signed slash commands / interactions are POSTed (the app's /slack/events). */
  eventsUrl?: string;
  /** Serve the web console at GET / (default true). */
  console?: boolean;
  consoleUsers?: ConsoleUsers;
  /** Per-method natural rate limits (postMessage ~1/s per channel, update ~50/min …). Default off. */
  naturalLimits?: boolean;
  /** Socket Mode: how long to wait for an ack before redelivering (default 3000). */
  ackTimeoutMs?: number;
  /** HTTP mode: how long to wait for the app's answer (default 3000, like Slack). */
  httpTimeoutMs?: number;
  /** Socket Mode: interval of server pings (default 10000; the client gives up after 30 s of silence). */
  pingIntervalMs?: number;
  /** Reject posts to channels not listed in `channels` with channel_not_found (default false: auto-create). */
  strictChannels?: boolean;
  /**
   * Bot scopes the app was granted. A method needing a scope outside the list answers
   * `missing_scope` with `needed` / `provided`, as Slack does. Default: every scope (no check).
   */
  scopes?: string[];
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  ok: boolean;
  error?: string;
  status: number;
  /** e.g. 'missing_text', 'text_truncated'. */
  warnings?: string[];
  /** Parsed response body sent back. */
  response?: Record<string, unknown>;
}

export interface SimFile {
  id: string;
  name: string;
  title: string;
  length: number;
  content: string;
  bytes: Buffer;
  /** URL on the sim where the content can be viewed. */
  url: string;
  channel?: string;
  threadTs?: string;
  initialComment?: string;
  uploaded: boolean;
  completed: boolean;
}

export interface SimMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: unknown[];
  /** Human author, when a user (or a slash-command echo) posted it. */
  user?: string;
  /** Set when the bot posted it. */
  botId?: string;
  threadTs?: string;
  replies: SimMessage[];
  replyCount: number;
  latestReply?: string;
  replyBroadcast?: boolean;
  files: SimFile[];
  edited?: { ts: string };
  /** How many times chat.update / replace_original changed it. */
  edits: number;
  /** Channels it is pinned to (Slack's `pinned_to`); absent when not pinned. */
  pinnedTo?: string[];
}

/** A pinned message, as pins.list reports it (newest pin first). */
export interface SimPin {
  channel: string;
  /** The pinned message's ts. */
  ts: string;
  /** When it was pinned, unix seconds. */
  created: number;
  /** Who pinned it (the bot's user id for Web API calls). */
  createdBy: string;
}

export interface SimEphemeral {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
  source: 'chat.postEphemeral' | 'response_url' | 'ack';
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
  ok: boolean;
  error?: string;
  source: 'response_url' | 'ack';
}

export interface DeliveryResult {
  mode: 'http' | 'socket';
  /** HTTP status of the app's answer (socket: 200 when acked, 0 otherwise). */
  status: number;
  body: unknown;
  acked: boolean;
  ackMs: number;
  envelopeId?: string;
  /** Socket Mode: how many deliveries it took. */
  attempts?: number;
}

export interface SlashCommandInput {
  user: string;
  channel: string;
  text: string;
  command?: string;
  mode?: 'http' | 'socket';
  retryNum?: number;
  triggerId?: string;
}

export interface ClickButtonInput {
  user: string;
  channel: string;
  messageTs: string;
  /** Visible button text (exact, then case-insensitive). */
  text?: string;
  actionId?: string;
  mode?: 'http' | 'socket';
  /** The click's `action_ts` (default: now), to replay an old click or forge a future one. */
  actionTs?: string;
}

export interface RateLimitInput {
  method: string;
  /** Number of calls answered 429 (default 1 when forMs is not given). */
  count?: number;
  /** Answer 429 for this long. */
  forMs?: number;
  /** Retry-After header value (default 1). */
  retryAfterSec?: number;
}

export interface SlackSim {
  url: string;
  /** `${url}/api/` — pass as slackApiUrl / SLACK_API_URL (trailing slash). */
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  messages(channel: string): SimMessage[];
  thread(channel: string, ts: string): SimMessage[];
  /** The channel's pinned messages, newest pin first (what pins.list answers). */
  pins(channel: string): SimPin[];
  ephemerals(user?: string): SimEphemeral[];
  responses: ResponseUrlPost[];
  files: SimFile[];
  setEventsUrl(url: string): void;
  slashCommand(p: SlashCommandInput): Promise<DeliveryResult>;
  clickButton(p: ClickButtonInput): Promise<DeliveryResult>;
  signedHeaders(rawBody: string, timestampSec?: number | string): Record<string, string>;
  rateLimit(p: RateLimitInput): void;
  waitFor<T>(fn: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  socketConnections(): number;
  /** Send Slack's `disconnect` (refresh_requested) to every socket; clients reconnect by themselves. */
  disconnectSockets(): void;
  stop(): Promise<void>;
}
