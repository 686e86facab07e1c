import { RateLimiter } from './rate-limiter.js';
import { Workspace } from './workspace.js';
import type {
  ConsoleUsers, RecordedCall, ResponseUrlPost, SimChannel, SimFile, SimUser, SlackSimOptions,
} from './types.js';

/** Identity of the simulated workspace and bot. */
export const TEAM = { id: 'T0SIM', name: 'Shipmate Sim', domain: 'shipmate-sim' } as const;
export const BOT = { userId: 'U0SIMBOT', botId: 'B0SIMBOT', name: 'shipmate', appId: 'A0SIM' } as const;

export const DEFAULT_USERS: SimUser[] = [
  { id: 'U0REQUEST', name: 'alice', realName: 'Alice Requester' },
  { id: 'U0APPROVE', name: 'bob', realName: 'Bob Approver' },
  { id: 'U0BYSTAND', name: 'carol', realName: 'Carol Bystander' },
];
export const DEFAULT_CHANNELS: SimChannel[] = [{ id: 'C0SIMOPS', name: 'ops' }];

export interface ResolvedOptions {
  host: string;
  port: number;
  botToken: string;
  appToken: string;
  signingSecret: string;
  usergroups: Record<string, string[]>;
  eventsUrl: string | undefined;
  console: boolean;
  consoleUsers: ConsoleUsers;
  ackTimeoutMs: number;
  httpTimeoutMs: number;
  pingIntervalMs: number;
  /** Granted bot scopes; undefined grants every scope. */
  scopes: string[] | undefined;
}

/** Everything the sim's handlers share. One instance per started sim (no module state). */
export interface SimState {
  opts: ResolvedOptions;
  url: string;
  ws: Workspace;
  calls: RecordedCall[];
  responses: ResponseUrlPost[];
  files: SimFile[];
  limiter: RateLimiter;
  /** Monotonic id source for files, envelopes, triggers, response urls. */
  seq: () => number;
}

export function resolveOptions(o: SlackSimOptions): ResolvedOptions {
  const users = o.users ?? DEFAULT_USERS;
  const ids = users.map((u) => u.id);
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    botToken: o.botToken ?? 'xoxb-sim',
    appToken: o.appToken ?? 'xapp-sim',
    signingSecret: o.signingSecret ?? 'sim-signing-secret',
    usergroups: o.usergroups ?? { S0APPROVERS: ids.slice(1, 2) },
    eventsUrl: o.eventsUrl,
    console: o.console ?? true,
    consoleUsers: o.consoleUsers ?? {
      requester: ids[0] ?? 'U0REQUEST',
      approver: ids[1] ?? ids[0] ?? 'U0APPROVE',
      bystander: ids[2] ?? ids[0] ?? 'U0BYSTAND',
    },
    ackTimeoutMs: o.ackTimeoutMs ?? 3000,
    httpTimeoutMs: o.httpTimeoutMs ?? 3000,
    pingIntervalMs: o.pingIntervalMs ?? 10_000,
    scopes: o.scopes,
  };
}

export function createState(o: SlackSimOptions, opts: ResolvedOptions): SimState {
  let n = 0;
  return {
    opts,
    url: '',
    ws: new Workspace(o.channels ?? DEFAULT_CHANNELS, o.users ?? DEFAULT_USERS, o.strictChannels ?? false),
    calls: [],
    responses: [],
    files: [],
    limiter: new RateLimiter(o.naturalLimits ?? false),
    seq: () => {
      n += 1;
      return n;
    },
  };
}
