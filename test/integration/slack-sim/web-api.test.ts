import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../../devkit/slack-sim/index.js';
import { fastRetries } from './demo-bolt-app.js';
import { platformError } from './platform-error.js';

describe('slack-sim Web API through @slack/web-api', () => {
  let sim: SlackSim;
  let client: WebClient;
  const channel = 'C0SIMOPS';

  beforeAll(async () => {
    sim = await startSlackSim({ console: false, usergroups: { S0ONCALL: ['U0APPROVE'] } });
    client = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl, retryConfig: fastRetries, logLevel: LogLevel.ERROR });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('answers 429 with Retry-After; the client waits and the message arrives', async () => {
    sim.rateLimit({ method: 'chat.postMessage', count: 2, retryAfterSec: 1 });
    const res = await client.chat.postMessage({ channel, text: 'after the storm' });
    expect(res.ok).toBe(true);
    const statuses = sim.callsTo('chat.postMessage').map((c) => c.status);
    expect(statuses).toEqual([429, 429, 200]);
    expect(sim.messages(channel).at(-1)?.text).toBe('after the storm');
  });

  it('issues unique, increasing ts and threads replies under their root', async () => {
    const root = await client.chat.postMessage({ channel, text: 'root' });
    const r1 = await client.chat.postMessage({ channel, text: 'r1', thread_ts: root.ts ?? '' });
    const r2 = await client.chat.postMessage({ channel, text: 'r2', thread_ts: root.ts ?? '', reply_broadcast: true });
    expect(Number(r1.ts)).toBeGreaterThan(Number(root.ts));
    expect(Number(r2.ts)).toBeGreaterThan(Number(r1.ts));
    const stored = sim.messages(channel).find((m) => m.ts === root.ts);
    expect(stored).toMatchObject({ replyCount: 2, latestReply: r2.ts });
    expect(sim.messages(channel).some((m) => m.ts === r2.ts)).toBe(true);
    expect(sim.messages(channel).some((m) => m.ts === r1.ts)).toBe(false);
  });

  it('enforces Block Kit limits with invalid_blocks and the cumulative cap', async () => {
    const long = 'x'.repeat(3001);
    const bad = await platformError(client.chat.postMessage({
      channel, text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: long } }],
    }));
    expect(bad.error).toBe('invalid_blocks');
    expect(String((bad as { errors?: unknown }).errors)).toContain('/blocks/0/text/text');
    const many = Array.from({ length: 5 }, (_, i) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'y'.repeat(2900) }, block_id: `b${i}` }));
    expect((await platformError(client.chat.postMessage({ channel, text: 't', blocks: many }))).error).toBe('msg_blocks_too_long');
    expect(sim.callsTo('chat.postMessage').at(-1)).toMatchObject({ ok: false, error: 'msg_blocks_too_long' });
  });

  it('records missing_text and truncates text above 40,000 characters', async () => {
    await client.chat.postMessage({ channel, blocks: [{ type: 'divider' }] } as never);
    expect(sim.callsTo('chat.postMessage').at(-1)?.warnings).toEqual(['missing_text']);
    const res = await client.chat.postMessage({ channel, text: 'z'.repeat(40_010) });
    expect(sim.messages(channel).find((m) => m.ts === res.ts)?.text).toHaveLength(40_000);
  });

  it('updates only the bot’s own messages', async () => {
    expect((await platformError(client.chat.update({ channel, ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    const posted = await client.chat.postMessage({ channel, text: 'v1' });
    await client.chat.update({ channel, ts: posted.ts ?? '', text: 'v2' });
    expect(sim.messages(channel).find((m) => m.ts === posted.ts)).toMatchObject({ text: 'v2', edits: 1 });
  });

  it('serves directory methods', async () => {
    expect((await client.auth.test()).user_id).toBe('U0SIMBOT');
    expect((await client.users.info({ user: 'U0APPROVE' })).user?.name).toBe('bob');
    expect((await client.usergroups.users.list({ usergroup: 'S0ONCALL' })).users).toEqual(['U0APPROVE']);
    expect((await platformError(client.usergroups.users.list({ usergroup: 'S0NOPE' }))).error).toBe('no_such_subteam');
    expect((await client.conversations.info({ channel })).channel?.name).toBe('ops');
    const link = await client.chat.getPermalink({ channel, message_ts: sim.messages(channel)[0]?.ts ?? '' });
    expect(link.permalink).toContain(`/archives/${channel}/p`);
    const eph = await client.chat.postEphemeral({ channel, user: 'U0REQUEST', text: 'psst' });
    expect(sim.ephemerals('U0REQUEST').at(-1)).toMatchObject({ ts: eph.message_ts, text: 'psst' });
  });

  it('uploads a file with filesUploadV2 into a thread, content recorded', async () => {
    const root = await client.chat.postMessage({ channel, text: 'rollout' });
    const content = 'line 1\nline 2 <b>not html</b>\n';
    await client.filesUploadV2({ channel_id: channel, thread_ts: root.ts ?? '', content, filename: 'logs.txt', title: 'Pod logs', initial_comment: 'Logs attached' });
    const file = sim.files.at(-1);
    expect(file).toMatchObject({ title: 'Pod logs', content, channel, threadTs: root.ts, completed: true });
    const reply = sim.thread(channel, root.ts ?? '')[1];
    expect(reply?.text).toBe('Logs attached');
    expect(reply?.files.map((f) => f.id)).toEqual([file?.id]);
    expect(await (await fetch(file?.url ?? '')).text()).toBe(content);
  });

  it('applies response_url posts and allows 5 uses', async () => {
    const capture = await captureEvents();
    sim.setEventsUrl(capture.url);
    const posted = await client.chat.postMessage({ channel, text: 'card', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }] }] });
    await sim.clickButton({ user: 'U0REQUEST', channel, messageTs: posted.ts ?? '', text: 'Go', mode: 'http' });
    await capture.close();
    const payload = JSON.parse(new URLSearchParams(capture.bodies[0]).get('payload') ?? '{}') as { response_url: string; actions: { action_id: string }[] };
    expect(payload.actions[0]?.action_id).toBe('go');
    const post = async (body: object): Promise<number> =>
      (await fetch(payload.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
    expect(await post({ replace_original: true, text: 'replaced' })).toBe(200);
    expect(sim.messages(channel).find((m) => m.ts === posted.ts)?.text).toBe('replaced');
    expect(await post({ response_type: 'in_channel', text: 'for all', thread_ts: posted.ts })).toBe(200);
    expect(sim.thread(channel, posted.ts ?? '').at(-1)?.text).toBe('for all');
    for (let i = 0; i < 3; i += 1) expect(await post({ text: `eph ${i}` })).toBe(200);
    expect(sim.ephemerals('U0REQUEST').at(-1)).toMatchObject({ text: 'eph 2', source: 'response_url' });
    expect(await post({ text: 'sixth' })).toBe(404);
    expect(sim.responses.at(-1)).toMatchObject({ ok: false, error: 'used_url' });
  });
});

/** A stand-in app endpoint that acks everything and keeps the raw bodies. */
async function captureEvents(): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}
