/**
 * A job reporting 60 progress steps over ~6 s (a status edit and a step reply each) through the
 * real notifier, against slack-sim with its natural rate limits on. Prints Slack calls per message,
 * the densest chat.update window per message, and the 429s provoked. Target: ≤ 1 chat.update per
 * 1.2 s per message and zero 429s.
 *
 *   npx tsx bench/slack-progress.ts
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import pino from 'pino';
import { startSlackSim } from '../devkit/slack-sim/index.js';
import type { RequestRecord } from '../src/core/request.js';
import { createSlackNotifier, notifierWebClientOptions } from '../src/slack/notifier/index.js';

const STEPS = 60;
const STEP_MS = 100;
const WINDOW_MS = 1200;
const CHANNEL = 'C0BENCH';

function record(id: RequestRecord['id']): RequestRecord {
  const now = new Date().toISOString();
  return {
    id, state: 'running', version: 1, invocation: { command: 'restart', app: 'api-service', env: 'prod' },
    text: 'restart api-service prod', scope: { env: 'prod', cluster: 'prod-eu', namespace: 'shop' },
    target: { cluster: 'prod-eu', namespace: 'shop', kind: 'Deployment', name: 'api-service' },
    mutates: true, requester: 'U0REQ', channel: CHANNEL, cardTs: null, plan: null, approvalsRequired: 0, approvals: [],
    decidedBy: null, reason: null, status: null, result: null, createdAt: now, updatedAt: now, expiresAt: null,
  };
}

/** Most calls that fall inside any window of `windowMs` (sliding over the call times). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export async function run(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench-slack-progress-${randomUUID().slice(0, 8)}`;
  const sim = await startSlackSim({ console: false, naturalLimits: true });
  const redis = new Redis(redisUrl);
  const store = new Map<string, RequestRecord>();
  const rec = record('R-BENCH001');
  store.set(rec.id, rec);
  const notifier = createSlackNotifier({
    redisUrl, redis, prefix,
    client: new WebClient('xoxb-sim', notifierWebClientOptions({ slackApiUrl: sim.apiUrl })),
    records: {
      get: async (id) => structuredClone(store.get(id) ?? null),
      setCardTs: async (id, ts) => void store.set(id, { ...(store.get(id) ?? rec), cardTs: ts }),
    },
    logger: pino({ level: 'warn' }),
  });
  await notifier.start();
  const started = Date.now();
  try {
    const change = async (patch: Partial<RequestRecord>): Promise<void> => {
      const cur = store.get(rec.id) ?? rec;
      store.set(rec.id, { ...cur, ...patch, version: cur.version + 1, updatedAt: new Date().toISOString() });
      await notifier.port.cardChanged(rec.id);
    };
    await notifier.port.cardChanged(rec.id);
    for (let i = 1; i <= STEPS; i++) {
      await change({ status: `rolling out: ${i} of ${STEPS}` });
      await notifier.port.threadReply(rec.id, { kind: 'step', text: `step ${i}: pod api-service-${i} ready` });
      await new Promise((r) => setTimeout(r, STEP_MS));
    }
    await change({ state: 'succeeded', status: 'rollout complete' });
    const card = await sim.waitFor(() => sim.messages(CHANNEL)[0], 10_000);
    await sim.waitFor(() => {
      const m = sim.messages(CHANNEL)[0];
      const lines = (m?.replies ?? []).flatMap((r) => r.text.split('\n')).length;
      return lines === STEPS && JSON.stringify(m?.blocks).includes('rollout complete');
    }, 60_000);
    const elapsed = Date.now() - started;
    const updates = sim.callsTo('chat.update').filter((c) => c.args.ts === card.ts && c.status === 200);
    const posts = sim.callsTo('chat.postMessage').filter((c) => c.status === 200);
    const replies = posts.filter((c) => c.args.thread_ts === card.ts);
    const tooMany = sim.calls.filter((c) => c.status === 429);
    const card_ = sim.messages(CHANNEL)[0];
    console.log(`slack-progress: ${STEPS} steps (status + step each) over ${STEPS * STEP_MS} ms; delivered in ${elapsed} ms`);
    console.log(`  card ${card.ts}: chat.postMessage 1, chat.update ${updates.length} (edits on the sim: ${card_?.edits ?? 0})`);
    console.log(`  thread: chat.postMessage ${replies.length} (carrying ${STEPS} step lines)`);
    console.log(`  max chat.update per ${WINDOW_MS} ms window on the card: ${maxInWindow(updates.map((c) => c.at), WINDOW_MS)}`);
    console.log(`  max thread posts per 1000 ms window: ${maxInWindow(replies.map((c) => c.at), 1000)}`);
    console.log(`  429s provoked: ${tooMany.length}${tooMany.length ? ` (${[...new Set(tooMany.map((c) => c.method))].join(', ')})` : ''}`);
  } finally {
    await notifier.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
