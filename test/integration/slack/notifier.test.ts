import { randomUUID } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SimMessage, type SlackSim } from '../../../devkit/slack-sim/index.js';
import { createSlackNotifier, notifierWebClientOptions, type SlackNotifier } from '../../../src/slack/notifier/index.js';
import { RecordStore, newRecord } from './notifier-records.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-notifier-${randomUUID().slice(0, 8)}`;
const COALESCE_MS = 300;
const REPLY_GAP_MS = 200;

function blockText(m: SimMessage | undefined): string {
  return JSON.stringify(m?.blocks ?? []);
}

/** Reply lines as a reader sees them: combined replies are one message with several lines. */
/** A progress step as jobs/ sends it: plain text. */
const step = (text: string) => ({ kind: 'step' as const, text });

function replyLines(m: SimMessage | undefined): string[] {
  return (m?.replies ?? []).flatMap((r) => r.text.split('\n'));
}

let sim: SlackSim;
let redis: Redis;
const running: SlackNotifier[] = [];
const rateLimited: string[] = [];

async function startNotifier(records: RecordStore, apiUrl = sim.apiUrl): Promise<SlackNotifier> {
  const client = new WebClient('xoxb-sim', notifierWebClientOptions({ slackApiUrl: apiUrl, minTimeoutMs: 20, retries: 3 }));
  const notifier = createSlackNotifier({
    connect: () => new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    redis,
    prefix: PREFIX,
    client,
    records,
    logger: pino({ level: 'silent' }),
    coalesceMs: COALESCE_MS,
    replyGapMs: REPLY_GAP_MS,
    retry: { backoffMs: 50, maxBackoffMs: 200 },
    metrics: { slackCall: (method, outcome) => void (outcome === 'rate_limited' && rateLimited.push(method)) },
  });
  await notifier.start();
  running.push(notifier);
  return notifier;
}

beforeAll(async () => {
  sim = await startSlackSim({ console: false });
  redis = new Redis(REDIS_URL);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.close()));
});

afterAll(async () => {
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await sim.stop();
});

describe('Slack notifier against slack-sim', () => {
  it('posts the card, stores its ts, then edits it with the latest state', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    const record = newRecord('C0CARD');
    records.put(record);
    await port.cardChanged(record.id);
    const posted = await sim.waitFor(() => sim.messages('C0CARD')[0]);
    expect(blockText(posted)).toContain('Awaiting approval (0 of 1)');
    expect(await sim.waitFor(() => records.map.get(record.id)?.cardTs ?? undefined)).toBe(posted.ts);

    records.change(record.id, { state: 'running', status: 'waiting for 1 of 3 pods' });
    await port.cardChanged(record.id);
    const edited = await sim.waitFor(() => sim.messages('C0CARD').find((m) => m.edits > 0 && blockText(m).includes('Running')));
    expect(blockText(edited)).toContain('waiting for 1 of 3 pods');
    expect(blockText(edited)).not.toContain('shipmate_approve');
    expect(sim.messages('C0CARD')).toHaveLength(1);
  });

  it('coalesces 60 rapid changes into spaced edits that end on the final state', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    const record = newRecord('C0BURST', { state: 'running' });
    records.put(record);
    await port.cardChanged(record.id);
    const card = await sim.waitFor(() => sim.messages('C0BURST')[0]);
    const before = sim.callsTo('chat.update').length;
    for (let i = 1; i <= 60; i++) {
      records.change(record.id, { status: `step ${i} of 60`, ...(i === 60 ? { state: 'succeeded' as const } : {}) });
      await port.cardChanged(record.id);
      await new Promise((r) => setTimeout(r, 10));
    }
    await sim.waitFor(() => blockText(sim.messages('C0BURST')[0]).includes('step 60 of 60'), 10_000);
    const updates = sim.callsTo('chat.update').slice(before).filter((c) => c.args.ts === card.ts);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(15);
    for (let i = 1; i < updates.length; i++) {
      expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(COALESCE_MS - 20);
    }
    const final = sim.messages('C0BURST')[0];
    expect(blockText(final)).toContain('Succeeded');
    expect(blockText(final)).not.toContain('shipmate_cancel');
  });

  it('posts the card first and keeps thread replies in order, combining bursts', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    const record = newRecord('C0THREAD');
    records.put(record);
    for (let i = 1; i <= 20; i++) {
      await port.threadReply(record.id, step(`step ${i} <done> & ok, <@U0REQ>`));
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 60));
    }
    const root = await sim.waitFor(() => sim.messages('C0THREAD').find((m) => replyLines(m).length === 20), 10_000);
    expect(blockText(root)).toContain(record.id);
    expect(replyLines(root)).toEqual(Array.from({ length: 20 }, (_, i) => `step ${i + 1} &lt;done&gt; &amp; ok, &lt;@U0REQ&gt;`));
    expect(root.replies.length).toBeLessThan(20);
    expect(sim.messages('C0THREAD')).toHaveLength(1);
  });

  it('posts replies sent before a file ahead of it', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    const record = newRecord('C0ORDER');
    records.put(record);
    await port.threadReply(record.id, step('before the file'));
    await port.threadFile(record.id, { filename: 'after.txt', title: 'After', content: 'x' });
    const root = await sim.waitFor(() => sim.messages('C0ORDER').find((m) => m.replies.some((r) => r.files.length > 0)), 10_000);
    expect(root.replies[0]?.text).toBe('before the file');
    expect(root.replies.at(-1)?.files[0]?.name).toBe('after.txt');
  });

  it('delivers every message in order while Slack answers 429', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    const record = newRecord('C0LIMIT');
    records.put(record);
    await port.cardChanged(record.id);
    await sim.waitFor(() => sim.messages('C0LIMIT')[0]);
    sim.rateLimit({ method: 'chat.postMessage', count: 3, retryAfterSec: 1 });
    for (let i = 1; i <= 6; i++) {
      await port.threadReply(record.id, step(`reply ${i}`));
      await new Promise((r) => setTimeout(r, REPLY_GAP_MS));
    }
    const root = await sim.waitFor(() => sim.messages('C0LIMIT').find((m) => replyLines(m).length === 6), 15_000);
    expect(replyLines(root)).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4', 'reply 5', 'reply 6']);
    expect(sim.callsTo('chat.postMessage').filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(3);
    expect(rateLimited).toContain('chat.postMessage');
  });

  it('turns long replies, thread files and an oversized diff into files in the thread', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    const diff = Array.from({ length: 400 }, (_, i) => `+  line ${i} ${'x'.repeat(20)}`).join('\n');
    const record = newRecord('C0FILES', {
      plan: {
        target: { cluster: 'prod-eu', namespace: 'shop', kind: 'Deployment', name: 'api-service' },
        summary: 'set image',
        diff,
        dryRun: { performed: true, ok: true, warnings: [] },
        fingerprint: 'f',
        noop: false,
        facts: {},
      },
    });
    records.put(record);
    const longLog = Array.from({ length: 300 }, (_, i) => `log line ${i}`).join('\n');
    await port.cardChanged(record.id);
    await port.threadReply(record.id, step(longLog));
    await port.threadFile(record.id, { filename: 'bundle.txt', title: 'Debug bundle', content: 'pods: 3' });
    const root = await sim.waitFor(() => sim.messages('C0FILES')[0]);
    await sim.waitFor(() => sim.files.filter((f) => f.threadTs === root.ts && f.completed).length >= 3, 10_000);
    // A later edit renders the same oversized diff: it must not be uploaded again.
    records.change(record.id, { status: 'still planning' });
    await port.cardChanged(record.id);
    await sim.waitFor(() => blockText(sim.messages('C0FILES')[0]).includes('still planning'), 5000);
    const files = sim.files.filter((f) => f.threadTs === root.ts);
    const byName = new Map(files.map((f) => [f.name, f]));
    expect(byName.get(`${record.id}-plan.diff`)?.content).toBe(diff);
    expect(byName.get(`${record.id}-output.txt`)?.content).toBe(longLog);
    expect(byName.get('bundle.txt')?.content).toBe('pods: 3');
    expect(files.filter((f) => f.name === `${record.id}-plan.diff`)).toHaveLength(1);
  });

  it('posts channel messages with their file', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    await port.channelMessage('C0ALERTS', { text: '2 certificates expire soon', groups: [{ heading: 'prod', total: 1, items: [{ mark: 'warning', text: 'api-tls in 5 days' }], hidden: 0 }], file: { filename: 'certs.txt', title: 'Certificates', content: 'api-tls 5d' } });
    const msg = await sim.waitFor(() => sim.messages('C0ALERTS')[0]);
    expect(msg.text).toBe('2 certificates expire soon');
    const file = await sim.waitFor(() => sim.files.find((f) => f.name === 'certs.txt' && f.completed));
    expect(file.content).toBe('api-tls 5d');
  });

  it('posts a channel message into the thread it names (a job whose record was lost reports from memory)', async () => {
    const records = new RecordStore();
    const { port } = await startNotifier(records);
    await port.channelMessage('C0LOST', { text: 'root', groups: [] });
    const root = await sim.waitFor(() => sim.messages('C0LOST')[0]);
    await port.channelMessage('C0LOST', { text: 'outcome recorded locally: succeeded', groups: [], threadTs: root.ts });
    const reply = await sim.waitFor(() => sim.thread('C0LOST', root.ts).find((m) => m.text === 'outcome recorded locally: succeeded'));
    expect(reply.threadTs).toBe(root.ts);
    expect(sim.messages('C0LOST').filter((m) => m.threadTs === undefined || m.threadTs === m.ts)).toHaveLength(1);
  });

  it('drops a message Slack refuses for good without holding up the ones behind it', async () => {
    const strict = await startSlackSim({ console: false, strictChannels: true, channels: [{ id: 'C0KNOWN', name: 'known' }] });
    try {
      const records = new RecordStore();
      const { port } = await startNotifier(records, strict.apiUrl);
      await port.channelMessage('C0MISSING', { text: 'to nowhere', groups: [] });
      await port.channelMessage('C0KNOWN', { text: 'after the refused one', groups: [] });
      const msg = await strict.waitFor(() => strict.messages('C0KNOWN')[0], 10_000);
      expect(msg.text).toBe('after the refused one');
      expect(strict.callsTo('chat.postMessage').filter((c) => c.error === 'channel_not_found')).toHaveLength(1);
    } finally {
      await running.pop()?.close();
      await strict.stop();
    }
  });

  it('never throws into the caller while Slack is down, and delivers in order once it is back', async () => {
    const probe = await startSlackSim({ console: false });
    const port_ = Number(new URL(probe.url).port);
    await probe.stop();
    const records = new RecordStore();
    const { port } = await startNotifier(records, `http://127.0.0.1:${port_}/api/`);
    const record = newRecord('C0OUTAGE');
    records.put(record);
    await port.cardChanged(record.id);
    for (let i = 1; i <= 3; i++) await port.threadReply(record.id, step(`during outage ${i}`));
    await new Promise((r) => setTimeout(r, 300));
    const revived = await startSlackSim({ console: false, port: port_ });
    try {
      const root = await revived.waitFor(() => revived.messages('C0OUTAGE').find((m) => replyLines(m).length === 3), 15_000);
      expect(replyLines(root)).toEqual(['during outage 1', 'during outage 2', 'during outage 3']);
      expect(revived.messages('C0OUTAGE')).toHaveLength(1);
    } finally {
      await running.pop()?.close();
      await revived.stop();
    }
  });
});
