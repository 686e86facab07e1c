import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startKubeSim, type KubeSim } from '../../devkit/kube-sim/index.js';
import { startSlackSim, type SlackSim } from '../../devkit/slack-sim/index.js';
import { loadConfig, loadRuntimeEnv } from '../../src/config/index.js';
import { createLogger } from '../../src/core/logger.js';
import { startShipmate, type Shipmate, type ShipmateOptions } from '../../src/main.js';
import { freePort } from './free-port.js';
import { deleteKeys as deleteKeysMatching } from './redis-keys.js';
import { TEST_AUDIT_KEY } from './audit-key.js';
import { SIM_GROUPS, SIM_USERS, USERS, CHANNEL, testConfigYaml } from './users.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type WorkerTuning = { lockDurationMs?: number; stalledIntervalMs?: number; concurrency?: number };

/** A unique Redis key prefix for one test file. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString('hex')}`;
}

export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await deleteKeysMatching(redis, `${prefix}*`);
  } finally {
    redis.disconnect();
  }
}

export interface Sims {
  kube: KubeSim;
  slack: SlackSim;
  mode: 'http' | 'socket';
  prefix: string;
  redisUrl: string;
  configPath: string;
  /** The environment a Shipmate process of this deployment reads (minus PORT). */
  processEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** kube-sim (clusters prod and dev, demo seed), slack-sim and a shipmate.yaml; no bot yet. */
export async function startSims(opts: { mode: 'http' | 'socket'; name: string; configYaml?: string; eventsPort?: number }): Promise<Sims> {
  const prefix = uniquePrefix(opts.name);
  const kube = await startKubeSim({ clusters: ['prod', 'dev'], seed: 'demo' });
  const slack = await startSlackSim({
    users: SIM_USERS,
    usergroups: SIM_GROUPS,
    channels: [{ id: CHANNEL, name: 'ops' }],
    consoleUsers: { requester: USERS.requester, approver: USERS.approver, bystander: USERS.bystander },
    ...(opts.mode === 'http' && opts.eventsPort ? { eventsUrl: `http://127.0.0.1:${opts.eventsPort}/slack/events` } : {}),
  });
  const dir = await mkdtemp(join(tmpdir(), 'shipmate-e2e-'));
  const configPath = join(dir, 'shipmate.yaml');
  await writeFile(configPath, opts.configYaml ?? testConfigYaml());
  const processEnv: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-sim',
    SHIPMATE_AUDIT_KEY: TEST_AUDIT_KEY.toString('utf8'),
    ...(opts.mode === 'socket' ? { SLACK_APP_TOKEN: 'xapp-sim' } : { SLACK_SIGNING_SECRET: 'sim-signing-secret' }),
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL,
    SHIPMATE_CONFIG: configPath,
    LOG_LEVEL: 'info',
    KUBECONFIG: kube.kubeconfigPath,
  };
  return {
    kube,
    slack,
    mode: opts.mode,
    prefix,
    redisUrl: REDIS_URL,
    configPath,
    processEnv,
    async stop() {
      await slack.stop();
      await kube.stop();
      await deleteKeys(REDIS_URL, prefix);
    },
  };
}

export interface Bot {
  shipmate: Shipmate;
  port: number;
  /** Every log line this bot wrote, parsed. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** One Shipmate replica, in this process, through the real composition root. */
export async function startBot(sims: Sims, opts: { port?: number; worker?: WorkerTuning; connect?: ShipmateOptions['connect'] } = {}): Promise<Bot> {
  const port = opts.port ?? (await freePort());
  const env = loadRuntimeEnv({ ...sims.processEnv, PORT: String(port) });
  const loaded = await loadConfig(sims.configPath);
  if (!loaded.ok) throw new Error(`test config invalid: ${JSON.stringify(loaded.problems)}`);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const logger = createLogger({ level: 'info', destination: sink });
  const before = sims.slack.socketConnections();
  const shipmate = await startShipmate({ env, config: loaded.config, logger, prefix: sims.prefix, auditKey: TEST_AUDIT_KEY, ...(opts.worker ? { worker: opts.worker } : {}), ...(opts.connect ? { connect: opts.connect } : {}) });
  if (sims.mode === 'socket') await sims.slack.waitFor(() => sims.slack.socketConnections() > before, 10_000);
  return { shipmate, port, logs, stop: () => shipmate.stop() };
}

export interface Harness extends Sims, Bot {}

/** The whole product against the two simulators and real Redis, one replica. */
export async function startHarness(opts: { mode: 'http' | 'socket'; name: string; configYaml?: string; worker?: WorkerTuning }): Promise<Harness> {
  const port = await freePort();
  const sims = await startSims({ ...opts, eventsPort: port });
  const bot = await startBot(sims, { port, ...(opts.worker ? { worker: opts.worker } : {}) });
  return {
    ...sims,
    ...bot,
    async stop() {
      await bot.stop();
      await sims.stop();
    },
  };
}
