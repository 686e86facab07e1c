import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../../devkit/slack-sim/index.js';
import { CARD_TEXT, startSocketApp } from './demo-bolt-app.js';

describe('slack-sim with the real Bolt app in Socket Mode', () => {
  let sim: SlackSim;
  let app: App | undefined;

  beforeEach(async () => {
    sim = await startSlackSim({ console: false, ackTimeoutMs: 500 });
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await sim.stop();
  });

  it('delivers a slash command, records the ack ephemeral, then a click updates the card', async () => {
    app = await startSocketApp(sim);
    expect(sim.socketConnections()).toBe(1);
    expect(sim.callsTo('auth.test')[0]?.ok).toBe(true);
    expect(sim.callsTo('apps.connections.open')[0]?.ok).toBe(true);

    const cmd = await sim.slashCommand({ user: 'U0REQUEST', channel: 'C0SIMOPS', text: 'rollback api-service prod' });
    expect(cmd).toMatchObject({ mode: 'socket', acked: true, attempts: 1 });
    expect(sim.ephemerals('U0REQUEST')[0]).toMatchObject({ text: 'Got it: rollback api-service prod', source: 'ack' });

    const card = await sim.waitFor(() => sim.messages('C0SIMOPS')[0]);
    expect(card.text).toBe(CARD_TEXT);
    expect(card.botId).toBeDefined();
    expect(Array.isArray(card.blocks)).toBe(true);

    const click = await sim.clickButton({ user: 'U0APPROVE', channel: 'C0SIMOPS', messageTs: card.ts, text: 'Approve' });
    expect(click.acked).toBe(true);
    const updated = await sim.waitFor(() => sim.messages('C0SIMOPS').find((m) => m.edits > 0 && m.replies.length > 0));
    expect(updated.text).toBe('Approved by <@U0APPROVE>');
    expect(JSON.stringify(updated.blocks)).toContain('(R-1)');
    expect(updated.replies[0]?.text).toBe('Rolling back…');
    expect(sim.thread('C0SIMOPS', card.ts).map((m) => m.ts)).toEqual([card.ts, updated.replies[0]?.ts]);
  });

  it('redelivers an unacked envelope to another connection with retry_attempt + 1', async () => {
    app = await startSocketApp(sim);
    // A second, silent connection that never acks: whichever gets the envelope first, the app acks within 2 attempts.
    const { WebSocket } = await import('ws');
    const opened = (await (await fetch(`${sim.apiUrl}apps.connections.open`, {
      method: 'POST', headers: { authorization: 'Bearer xapp-sim' },
    })).json()) as { url: string };
    const silent = new WebSocket(opened.url);
    const seen: { envelope_id: string; retry_attempt: number }[] = [];
    silent.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { type: string; envelope_id: string; retry_attempt: number };
      if (m.type === 'slash_commands') seen.push(m);
    });
    await sim.waitFor(() => sim.socketConnections() === 2);

    const results = [];
    for (const text of ['a', 'b', 'c']) results.push(await sim.slashCommand({ user: 'U0REQUEST', channel: 'C0SIMOPS', text }));
    expect(results.map((r) => r.acked)).toEqual([true, true, true]);
    expect(seen.length).toBeGreaterThan(0);
    for (const r of results) {
      const atSilent = seen.filter((e) => e.envelope_id === r.envelopeId);
      // Each envelope goes to ONE connection at a time; a timeout moves it to the other one.
      expect(r.attempts).toBe(1 + atSilent.length);
      expect(atSilent.map((e) => e.retry_attempt)).toEqual(atSilent.length ? [0] : []);
    }
    expect(sim.ephemerals('U0REQUEST').map((e) => e.text)).toEqual(['Got it: a', 'Got it: b', 'Got it: c']);
    // Let the app finish its post-ack work before the sim goes away.
    await sim.waitFor(() => sim.callsTo('chat.postMessage').length === 3);
    silent.close();
  });

  it('sends disconnect (refresh_requested); the Bolt client reconnects with a fresh ticket', async () => {
    app = await startSocketApp(sim, { clientPingTimeout: 1000 });
    sim.disconnectSockets();
    await sim.waitFor(() => sim.callsTo('apps.connections.open').length === 2 && sim.socketConnections() === 1);
    const cmd = await sim.slashCommand({ user: 'U0REQUEST', channel: 'C0SIMOPS', text: 'after reconnect' });
    expect(cmd.acked).toBe(true);
    await sim.waitFor(() => sim.messages('C0SIMOPS').length === 1);
  });

  it('rejects apps.connections.open with the bot token and unknown methods', async () => {
    const post = async (method: string, token: string): Promise<unknown> =>
      (await fetch(`${sim.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json();
    expect(await post('apps.connections.open', 'xoxb-sim')).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await post('chat.postMessage', 'xoxb-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await post('nope.nope', 'xoxb-sim')).toEqual({ ok: false, error: 'unknown_method' });
  });
});
