import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { Sims } from '../../support/harness.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { ackText, requestIdIn, visibleText } from '../../support/slack-helpers.js';
import { CHANNEL, USERS, testConfigYaml } from '../../support/users.js';
import { createAuditLog, type AuditRecord } from '../../../src/audit/index.js';
import { createLogger } from '../../../src/core/logger.js';

export const ALERTS_CHANNEL = 'C0ALERTS';

/** Short stall detection, so a surviving replica takes over a dead one's jobs within seconds. */
export const FAST_WORKER = { lockDurationMs: 2000, stalledIntervalMs: 1000 };

/** The e2e config plus a quota scan (minute schedule; the test speeds it up) that reminds every run. */
export function replicaConfigYaml(): string {
  return `${testConfigYaml()}alerts:
  quotas: { schedule: "* * * * *", timezone: UTC, warnPercent: 80, criticalPercent: 95, channel: ${ALERTS_CHANNEL}, remindEvery: 1s }
`;
}

/** One replica as its own OS process (the e2e fixture), so it can be killed for real. */
export function spawnReplica(sims: Sims, port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/e2e/fixtures/shipmate-replica.ts'], {
    env: {
      ...process.env,
      ...sims.processEnv,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SHIPMATE_TEST_PREFIX: sims.prefix,
      SHIPMATE_TEST_WORKER: JSON.stringify(FAST_WORKER),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[replica] ${d.toString()}`));
  return child;
}

/** Resolves when the child printed `replica-ready` (its socket is then connected). */
export function replicaReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('replica-ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code} before it was ready`)));
  });
}

/** A slash command as the requester; the request id the ack names. */
export async function slash(sims: Sims, text: string, user: string = USERS.requester): Promise<string> {
  const res = await sims.slack.slashCommand({ user, channel: CHANNEL, text });
  if (!res.acked) throw new Error(`"${text}" was not acked after ${res.attempts ?? 0} deliveries`);
  return requestIdIn(ackText(res.body));
}

/** Top-level messages in the ops channel that are the card of `id`. */
export function cardsOf(sims: Sims, id: string): { ts: string; text: string }[] {
  return sims.slack
    .messages(CHANNEL)
    .filter((m) => m.threadTs === undefined || m.threadTs === m.ts)
    .map((m) => ({ ts: m.ts, text: visibleText(m) }))
    .filter((m) => m.text.includes(id));
}

/** The audit trail of the deployment under test. */
export async function auditRecords(sims: Sims): Promise<AuditRecord[]> {
  const redis = new Redis(sims.redisUrl);
  try {
    return await createAuditLog({ redis, key: `${sims.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) }).read({});
  } finally {
    redis.disconnect();
  }
}
