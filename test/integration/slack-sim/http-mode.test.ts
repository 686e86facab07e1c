import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../../devkit/slack-sim/index.js';
import { CARD_TEXT, startHttpApp } from './demo-bolt-app.js';

describe('slack-sim with the real Bolt app in HTTP mode', () => {
  let sim: SlackSim | undefined;
  let app: App | undefined;

  afterEach(async () => {
    await app?.stop();
    await sim?.stop();
    app = undefined;
    sim = undefined;
  });

  it('posts signed slash commands and block_actions that Bolt accepts', async () => {
    sim = await startSlackSim({ console: false });
    const started = await startHttpApp(sim);
    app = started.app;
    sim.setEventsUrl(started.eventsUrl);

    const cmd = await sim.slashCommand({ user: 'U0REQUEST', channel: 'C0SIMOPS', text: 'status api-service prod' });
    expect(cmd).toMatchObject({ mode: 'http', status: 200, acked: true });
    expect(sim.ephemerals('U0REQUEST').map((e) => e.text)).toEqual(['Got it: status api-service prod']);
    const s = sim;
    const card = await s.waitFor(() => s.messages('C0SIMOPS').find((m) => m.text === CARD_TEXT));

    const click = await sim.clickButton({ user: 'U0APPROVE', channel: 'C0SIMOPS', messageTs: card.ts, actionId: 'approve' });
    expect(click).toMatchObject({ mode: 'http', status: 200, acked: true });
    const updated = await s.waitFor(() => s.messages('C0SIMOPS').find((m) => m.ts === card.ts && m.replies.length === 1));
    expect(updated.text).toBe('Approved by <@U0APPROVE>');
  });

  it('is rejected with 401 by Bolt when the signing secrets differ', async () => {
    sim = await startSlackSim({ console: false, signingSecret: 'the-wrong-secret' });
    const started = await startHttpApp(sim, 'sim-signing-secret');
    app = started.app;
    sim.setEventsUrl(started.eventsUrl);

    const cmd = await sim.slashCommand({ user: 'U0REQUEST', channel: 'C0SIMOPS', text: 'status' });
    expect(cmd).toMatchObject({ status: 401, acked: false });
    expect(sim.ephemerals()).toEqual([]);
    expect(sim.callsTo('chat.postMessage')).toEqual([]);
  });

  it('sends X-Slack-Retry-Num / Reason and the form fields Slack uses', async () => {
    sim = await startSlackSim({ console: false });
    const { createServer } = await import('node:http');
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    sim.setEventsUrl(`http://127.0.0.1:${port}/slack/events`);

    await sim.slashCommand({ user: 'U0REQUEST', channel: 'C0SIMOPS', text: 'scale api 3', retryNum: 1 });
    server.close();
    const req = seen[0];
    expect(req?.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded', 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout',
    });
    const form = Object.fromEntries(new URLSearchParams(req?.body ?? ''));
    expect(Object.keys(form)).toEqual(expect.arrayContaining([
      'token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command', 'text',
      'api_app_id', 'response_url', 'trigger_id',
    ]));
    expect(form).toMatchObject({ command: '/k8s', text: 'scale api 3', user_id: 'U0REQUEST', channel_id: 'C0SIMOPS' });
    expect(req?.headers['x-slack-signature']).toBe(sim.signedHeaders(req?.body ?? '', Number(req?.headers['x-slack-request-timestamp']))['X-Slack-Signature']);
  });
});
