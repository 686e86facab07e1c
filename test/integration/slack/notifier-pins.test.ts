import { randomUUID } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim, type SlackSimOptions } from '../../../devkit/slack-sim/index.js';
import { createSlackNotifier, notifierWebClientOptions, type SlackNotifier } from '../../../src/slack/notifier/index.js';
import { RecordStore, newRecord } from './notifier-records.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-notifier-pins-${randomUUID().slice(0, 8)}`;
const CHANNEL = 'C0PINS';
/** Every bot scope Shipmate's manifest asked for before pins:write. */
const SCOPES_WITHOUT_PINS = ['commands', 'chat:write', 'chat:write.public', 'files:write', 'users:read', 'usergroups:read'];

const step = (text: string) => ({ kind: 'step' as const, text });
const reminder = (text: string) => ({ kind: 'reminder' as const, text });

interface LogLine {
  level: number;
  msg: string;
  error?: string;
  requestId?: string;
}

let redis: Redis;
const running: SlackNotifier[] = [];
const sims: SlackSim[] = [];

async function setup(opts: { sim?: SlackSimOptions; clientRetries?: number; attempts?: number } = {}) {
  const sim = await startSlackSim({ console: false, ...opts.sim });
  sims.push(sim);
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const records = new RecordStore();
  const notifier = createSlackNotifier({
    connect: () => new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    redis,
    prefix: PREFIX,
    client: new WebClient('xoxb-sim', notifierWebClientOptions({ slackApiUrl: sim.apiUrl, minTimeoutMs: 20, retries: opts.clientRetries ?? 3 })),
    records,
    logger,
    coalesceMs: 100,
    replyGapMs: 100,
    retry: { backoffMs: 50, maxBackoffMs: 200, ...(opts.attempts ? { attempts: opts.attempts } : {}) },
  });
  await notifier.start();
  running.push(notifier);
  const record = newRecord(CHANNEL);
  records.put(record);
  const web = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
  return { sim, port: notifier.port, record, logs, web };
}

const notPinned = (logs: LogLine[]): LogLine[] => logs.filter((l) => l.msg.startsWith('reminder posted but not pinned'));

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.close()));
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('a reminder thread note', () => {
  it('is posted alone in the thread, escaped, and pinned there; the replies around it are not', async () => {
    const { sim, port, record, logs, web } = await setup();
    await port.threadReply(record.id, step('before'));
    await port.threadReply(record.id, reminder('auto-sync is off <@U0ALL> & stays off: run /k8s resume argo-api prod'));
    await port.threadReply(record.id, step('after'));

    const root = await sim.waitFor(() => sim.messages(CHANNEL).find((m) => m.replies.some((r) => r.text.includes('after'))), 10_000);
    expect(root.replies.map((r) => r.text)).toEqual([
      'before',
      ':pushpin: *Reminder:* auto-sync is off &lt;@U0ALL&gt; &amp; stays off: run /k8s resume argo-api prod',
      'after',
    ]);
    const pinnedTs = root.replies[1]?.ts;
    await sim.waitFor(() => sim.pins(CHANNEL).length > 0, 10_000);
    expect(sim.pins(CHANNEL).map((p) => p.ts)).toEqual([pinnedTs]);
    const listed = await web.pins.list({ channel: CHANNEL });
    expect(listed.items?.map((i) => [i.message?.ts, i.message?.thread_ts])).toEqual([[pinnedTs, root.ts]]);
    expect(notPinned(logs)).toEqual([]);
  });

  it('without pins:write: the reminder is still delivered, the refusal is logged with the scope, later replies go on', async () => {
    const { sim, port, record, logs } = await setup({ sim: { scopes: SCOPES_WITHOUT_PINS } });
    await port.threadReply(record.id, reminder('auto-sync stays off until /k8s resume argo-api prod'));
    await sim.waitFor(() => sim.callsTo('pins.add').length > 0, 10_000);
    await port.threadReply(record.id, step('next step'));

    const root = await sim.waitFor(() => sim.messages(CHANNEL).find((m) => m.replies.some((r) => r.text === 'next step')), 10_000);
    expect(root.replies.map((r) => r.text)).toEqual([':pushpin: *Reminder:* auto-sync stays off until /k8s resume argo-api prod', 'next step']);
    expect(sim.pins(CHANNEL)).toEqual([]);
    expect(sim.callsTo('pins.add').map((c) => c.error)).toEqual(['missing_scope']);
    const warned = await sim.waitFor(() => notPinned(logs)[0]);
    expect(warned).toMatchObject({ requestId: record.id, error: 'slack error missing_scope (needs pins:write)' });
  });

  it('pinned already (a retry after a lost answer) counts as done, not as a failure', async () => {
    const { sim, port, record, logs, web } = await setup();
    // The notifier's pins.add is answered 429; the message gets pinned before its client's retry.
    sim.rateLimit({ method: 'pins.add', count: 1, retryAfterSec: 2 });
    await port.threadReply(record.id, reminder('pin me once'));
    await sim.waitFor(() => sim.callsTo('pins.add').find((c) => c.status === 429), 10_000);
    const posted = sim.messages(CHANNEL)[0]?.replies[0];
    await web.pins.add({ channel: CHANNEL, timestamp: posted?.ts ?? '' });
    await sim.waitFor(() => sim.callsTo('pins.add').find((c) => c.error === 'already_pinned'), 10_000);

    expect(sim.pins(CHANNEL).map((p) => p.ts)).toEqual([posted?.ts]);
    expect(sim.messages(CHANNEL)[0]?.replies).toHaveLength(1);
    // The job ends quietly: no warning, no retry of the pin.
    await port.threadReply(record.id, step('after'));
    await sim.waitFor(() => sim.messages(CHANNEL)[0]?.replies.some((r) => r.text === 'after'), 10_000);
    expect(notPinned(logs)).toEqual([]);
    expect(sim.callsTo('pins.add')).toHaveLength(3);
  });

  it('when rate limits outlast every retry: the reminder stays in the thread, the lost pin is logged, nothing else is held up', async () => {
    const { sim, port, record, logs } = await setup({ clientRetries: 1, attempts: 2 });
    sim.rateLimit({ method: 'pins.add', forMs: 120_000, retryAfterSec: 1 });
    await port.threadReply(record.id, reminder('auto-sync stays off until /k8s resume argo-api prod'));
    await sim.waitFor(() => sim.callsTo('pins.add').length > 0, 10_000);
    await port.threadReply(record.id, step('next step'));

    const dropped = await sim.waitFor(() => notPinned(logs)[0], 20_000);
    expect(dropped.msg).toBe('reminder posted but not pinned: retries exhausted');
    expect(dropped.requestId).toBe(record.id);
    const root = await sim.waitFor(() => sim.messages(CHANNEL).find((m) => m.replies.some((r) => r.text === 'next step')), 10_000);
    expect(root.replies.map((r) => r.text)).toEqual([':pushpin: *Reminder:* auto-sync stays off until /k8s resume argo-api prod', 'next step']);
    expect(sim.pins(CHANNEL)).toEqual([]);
    expect(sim.callsTo('pins.add').every((c) => c.status === 429)).toBe(true);
  });
});
