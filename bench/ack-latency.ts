/**
 * Issue 2 figures, against the whole product (unmodified Bolt in HTTP mode, real Redis, kube-sim,
 * slack-sim): ack latency of 200 signed slash commands at 50 concurrent (p50/p99; target p99 <
 * 100 ms), and approval click → job running (p50; target < 50 ms).
 */
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { startSims } from '../test/support/harness.js';
import { createRequestStore } from '../src/jobs/index.js';
import { freePort } from '../test/support/free-port.js';
import { ackText, requestIdIn, waitForCard, waitForCardText } from '../test/support/slack-helpers.js';
import { CHANNEL, USERS } from '../test/support/users.js';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function slashBody(text: string, triggerId: string, user: string): string {
  return new URLSearchParams({
    team_id: 'T0SIM', team_domain: 'sim', channel_id: CHANNEL, channel_name: 'ops', user_id: user, user_name: 'bench',
    command: '/k8s', text, api_app_id: 'A0SIM', response_url: 'http://127.0.0.1:9/response/bench', trigger_id: triggerId,
  }).toString();
}

async function ackLatency(url: string, sign: (body: string) => Record<string, string>, total: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const body = slashBody(`status ${i % 2 ? 'api-service' : 'web-frontend'} dev`, `bench-ack-${i}-${Date.now()}`, USERS.requester);
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) } });
      await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`ack answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times.sort((a, b) => a - b);
}

/** The bot runs as its own process, as in production, so the simulators don't share its event loop. */
async function startBotProcess(env: Record<string, string>, port: number, prefix: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/e2e/fixtures/shipmate-replica.ts'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', SHIPMATE_TEST_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('replica-ready') && resolve());
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}`)));
  });
  return child;
}

export async function run(): Promise<void> {
  const port = await freePort();
  const sims = await startSims({ mode: 'http', name: 'bench-ack', eventsPort: port });
  const child = await startBotProcess(sims.processEnv, port, sims.prefix);
  const redis = new Redis(sims.redisUrl);
  const store = createRequestStore({ redis, prefix: sims.prefix });
  const state = async (id: string) => (await store.get(id))?.state;
  try {
    const url = `http://127.0.0.1:${port}/slack/events`;
    const sign = (body: string) => sims.slack.signedHeaders(body);
    await ackLatency(url, sign, 20, 5); // warm-up
    const c = Number(process.env.BENCH_CONC ?? 50);
    const acks = await ackLatency(url, sign, 200, c);
    console.log(`ack latency, 200 slash commands at 50 concurrent (HTTP mode): p50 ${pct(acks, 50).toFixed(1)} ms, p99 ${pct(acks, 99).toFixed(1)} ms, max ${acks.at(-1)?.toFixed(1)} ms (target p99 < 100 ms)`);

    const clickToRunning: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await sims.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: `scale web-frontend prod ${3 + (i % 2)}` });
      const id = requestIdIn(ackText(res.body));
      const card = await waitForCard(sims.slack, CHANNEL, id);
      // Each request changes the replica count (3 ↔ 4), so its plan is never a no-op.
      for (let s = await state(id); s !== 'awaiting_approval'; s = await state(id)) {
        if (s && ['succeeded', 'failed', 'cancelled', 'denied', 'expired'].includes(s)) throw new Error(`${id} ended ${s} before approval`);
        await new Promise((r) => setTimeout(r, 5));
      }
      // The card must show its Approve button (edits are coalesced) before a person could click it.
      await waitForCardText(sims.slack, CHANNEL, card.ts, /Awaiting approval/i);
      const t0 = performance.now();
      const click = sims.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
      for (;;) {
        const s = await state(id);
        if (s === 'running' || s === 'succeeded' || s === 'failed') break;
        await new Promise((r) => setTimeout(r, 1));
      }
      clickToRunning.push(performance.now() - t0);
      await click;
      while (!['succeeded', 'failed'].includes((await state(id)) ?? '')) await new Promise((r) => setTimeout(r, 20));
    }
    clickToRunning.sort((a, b) => a - b);
    console.log(`approval click → job running (HTTP click through Bolt, 15 requests): p50 ${pct(clickToRunning, 50).toFixed(1)} ms, max ${clickToRunning.at(-1)?.toFixed(1)} ms (target p50 < 50 ms)`);
  } finally {
    child.kill('SIGTERM');
    redis.disconnect();
    await sims.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
