import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../../devkit/slack-sim/index.js';
import { fastRetries } from './demo-bolt-app.js';
import { platformError } from './platform-error.js';

describe('slack-sim pins through @slack/web-api', () => {
  let sim: SlackSim;
  let client: WebClient;
  const channel = 'C0SIMOPS';

  beforeAll(async () => {
    sim = await startSlackSim({ console: false, strictChannels: true });
    client = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl, retryConfig: fastRetries, logLevel: LogLevel.ERROR });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('pins a thread reply; pins.list, the driver and the message itself show it; pins.remove takes it back', async () => {
    const root = await client.chat.postMessage({ channel, text: 'card' });
    const reply = await client.chat.postMessage({ channel, text: 'remember to resume', thread_ts: root.ts ?? '' });
    const other = await client.chat.postMessage({ channel, text: 'pinned second' });
    await client.pins.add({ channel, timestamp: reply.ts ?? '' });
    await client.pins.add({ channel, timestamp: other.ts ?? '' });

    const listed = await client.pins.list({ channel });
    expect(listed.items?.map((i) => i.message?.ts)).toEqual([other.ts, reply.ts]);
    const item = listed.items?.[1];
    expect(item).toMatchObject({ type: 'message', channel, created_by: 'U0SIMBOT' });
    expect(item?.created).toBeGreaterThan(1_600_000_000);
    expect(item?.message).toMatchObject({ text: 'remember to resume', thread_ts: root.ts, pinned_to: [channel] });
    expect(item?.message?.permalink).toContain(`/archives/${channel}/p${(reply.ts ?? '').replace('.', '')}?thread_ts=${root.ts}`);

    expect(sim.pins(channel).map((p) => p.ts)).toEqual([other.ts, reply.ts]);
    expect(sim.thread(channel, root.ts ?? '')[1]?.pinnedTo).toEqual([channel]);
    expect(sim.thread(channel, root.ts ?? '')[0]?.pinnedTo).toBeUndefined();

    await client.pins.remove({ channel, timestamp: reply.ts ?? '' });
    expect((await client.pins.list({ channel })).items?.map((i) => i.message?.ts)).toEqual([other.ts]);
    expect(sim.thread(channel, root.ts ?? '')[1]?.pinnedTo).toBeUndefined();
    expect((await platformError(client.pins.remove({ channel, timestamp: reply.ts ?? '' }))).error).toBe('not_pinned');
  });

  it('answers pins.add errors as Slack does', async () => {
    const posted = await client.chat.postMessage({ channel, text: 'pin me once' });
    const ts = posted.ts ?? '';
    await client.pins.add({ channel, timestamp: ts });
    expect((await platformError(client.pins.add({ channel, timestamp: ts }))).error).toBe('already_pinned');
    expect((await platformError(client.pins.add({ channel, timestamp: '1.000001' }))).error).toBe('message_not_found');
    expect((await platformError(client.pins.add({ channel, timestamp: 'yesterday' }))).error).toBe('bad_timestamp');
    expect((await platformError(client.apiCall('pins.add', { channel }))).error).toBe('no_item_specified');
    expect((await platformError(client.pins.add({ channel: 'C0NOWHERE', timestamp: ts }))).error).toBe('channel_not_found');
    expect((await platformError(client.pins.list({ channel: 'C0NOWHERE' }))).error).toBe('channel_not_found');
    expect(sim.pins(channel).filter((p) => p.ts === ts)).toHaveLength(1);
  });

  it('forgets the pin of a deleted message', async () => {
    const posted = await client.chat.postMessage({ channel, text: 'short-lived' });
    await client.pins.add({ channel, timestamp: posted.ts ?? '' });
    await client.chat.delete({ channel, ts: posted.ts ?? '' });
    expect(sim.pins(channel).some((p) => p.ts === posted.ts)).toBe(false);
    expect((await client.pins.list({ channel })).items?.some((i) => i.message?.ts === posted.ts)).toBe(false);
  });
});

describe('slack-sim scopes', () => {
  it('answers missing_scope (needed, provided) for a method the granted scopes do not cover', async () => {
    const sim = await startSlackSim({ console: false, scopes: ['chat:write', 'commands'] });
    try {
      const client = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl, retryConfig: fastRetries, logLevel: LogLevel.ERROR });
      const posted = await client.chat.postMessage({ channel: 'C0SIMOPS', text: 'allowed' });
      const err = await platformError(client.pins.add({ channel: 'C0SIMOPS', timestamp: posted.ts ?? '' }));
      expect(err).toMatchObject({ error: 'missing_scope', needed: 'pins:write', provided: 'chat:write,commands' });
      expect(await platformError(client.pins.list({ channel: 'C0SIMOPS' }))).toMatchObject({ error: 'missing_scope', needed: 'pins:read' });
      expect((await client.auth.test()).ok).toBe(true);
      expect(sim.pins('C0SIMOPS')).toEqual([]);
      expect(sim.callsTo('pins.add')[0]).toMatchObject({ ok: false, error: 'missing_scope' });
    } finally {
      await sim.stop();
    }
  });
});
