import { mkdir } from 'node:fs/promises';
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../../devkit/slack-sim/index.js';
import { CARD_TEXT, startSocketApp } from './demo-bolt-app.js';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

describe('slack-sim web console in a real browser', () => {
  let sim: SlackSim;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    sim = await startSlackSim({});
    app = await startSocketApp(sim);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
    await sim.stop();
  });

  it('sends a slash command as the requester, clicks Approve as the approver, shows the update', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(sim.url);
    await page.getByTestId('role-requester').click();
    await page.getByTestId('command-input').fill('/k8s rollback api-service prod');
    await page.getByTestId('command-input').press('Enter');

    const card = page.getByTestId('message').filter({ hasText: CARD_TEXT });
    await card.waitFor();
    await page.getByTestId('ephemeral').filter({ hasText: 'Got it: rollback api-service prod' }).waitFor();
    expect(await page.getByTestId('ephemeral').first().textContent()).toContain('Only visible to you');
    expect(sim.callsTo('chat.postMessage')).toHaveLength(1);

    // The ephemeral belongs to the requester only.
    await page.getByTestId('role-approver').click();
    await page.getByTestId('ephemeral').waitFor({ state: 'detached' });
    await card.getByTestId('button-Approve').click();

    await page.getByTestId('message').filter({ hasText: 'Approved by @bob (R-1)' }).waitFor();
    await page.getByTestId('thread-toggle').filter({ hasText: '1 reply' }).click();
    await page.getByTestId('thread').getByText('Rolling back…').waitFor();
    const update = sim.callsTo('chat.update')[0];
    expect(update?.ok).toBe(true);
    expect(sim.messages('C0SIMOPS')[0]?.text).toBe('Approved by <@U0APPROVE>');

    await mkdir('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/slack-sim-console.png' });
    await page.close();
  });

  it('escapes message text instead of rendering it as HTML', async () => {
    const web = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl });
    await web.chat.postMessage({ channel: 'C0SIMOPS', text: '<img src=x onerror="window.pwned=1"> &lt;b&gt;raw&lt;/b&gt; *bold*' });
    const page = await browser.newPage();
    await page.goto(sim.url);
    const msg = page.getByTestId('message').filter({ hasText: '<b>raw</b>' });
    await msg.waitFor();
    expect(await msg.locator('img').count()).toBe(0);
    expect(await msg.locator('b', { hasText: 'bold' }).count()).toBe(1);
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined');
    await page.close();
  });

  it('shows a channel mention by the channel\'s name, as Slack does', async () => {
    const web = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl });
    await web.chat.postMessage({ channel: 'C0SIMOPS', text: 'card posted in <#C0SIMOPS>' });
    const page = await browser.newPage();
    await page.goto(sim.url);
    const msg = page.getByTestId('message').filter({ hasText: 'card posted in' });
    await msg.waitFor();
    expect(await msg.locator('.mention').textContent()).toBe(`#${(await web.conversations.info({ channel: 'C0SIMOPS' })).channel?.name}`);
    await page.close();
  });

  it('marks a pinned thread reply, and drops the mark once it is un-pinned', async () => {
    const web = new WebClient('xoxb-sim', { slackApiUrl: sim.apiUrl });
    const root = await web.chat.postMessage({ channel: 'C0SIMOPS', text: 'pin thread root' });
    const reply = await web.chat.postMessage({ channel: 'C0SIMOPS', text: 'pin me', thread_ts: root.ts ?? '' });
    await web.chat.postMessage({ channel: 'C0SIMOPS', text: 'not me', thread_ts: root.ts ?? '' });
    await web.pins.add({ channel: 'C0SIMOPS', timestamp: reply.ts ?? '' });
    const page = await browser.newPage();
    await page.goto(sim.url);
    const card = page.getByTestId('message').filter({ hasText: 'pin thread root' });
    await card.getByTestId('thread-toggle').click();
    const pinned = card.getByTestId('reply').filter({ hasText: 'pin me' });
    await pinned.getByTestId('pinned').waitFor();
    expect(await card.getByTestId('reply').filter({ hasText: 'not me' }).getByTestId('pinned').count()).toBe(0);
    expect(await card.getByTestId('pinned').count()).toBe(1);
    await web.pins.remove({ channel: 'C0SIMOPS', timestamp: reply.ts ?? '' });
    await pinned.getByTestId('pinned').waitFor({ state: 'detached' });
    await page.close();
  });
});
