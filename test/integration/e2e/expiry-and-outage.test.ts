import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { ackText, ephemeralTexts, eventually, requestIdIn, visibleText, waitForCard, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS, testConfigYaml } from '../../support/users.js';

describe('approval expiry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'expiry', configYaml: testConfigYaml({ approvalTtl: '2s' }) });
  });
  afterAll(async () => h?.stop());

  it('an unapproved request expires: card updated, audit event, later clicks refused', async () => {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'restart api-service prod' });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Expired)/i, 20_000);
    expect((await h.shipmate.pipeline.get(id))?.state).toBe('expired');

    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve' }).catch(() => undefined);
    // Buttons are gone from an expired card; a stale client that still clicks gets a clear refusal.
    const result = await h.shipmate.pipeline.approve(id, USERS.approver, new Set(['S0SRELEADS']));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/expired/i);
  });
});

describe('Slack answering 429 for a while', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'outage' });
  });
  afterAll(async () => h?.stop());

  it('delivers every message, thread replies in order, and the job is unaffected', async () => {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'scale api-service dev 5' });
    const id = requestIdIn(ackText(res.body));
    // From now on Slack rate-limits posting and editing for a few seconds.
    h.slack.rateLimit({ method: 'chat.postMessage', forMs: 3000, retryAfterSec: 1 });
    h.slack.rateLimit({ method: 'chat.update', forMs: 3000, retryAfterSec: 1 });

    await eventually(async () => (await h.shipmate.pipeline.get(id))?.state === 'succeeded', 30_000).catch(() => undefined);
    const record = await h.shipmate.pipeline.get(id);
    expect(record?.state).toBe('succeeded');
    const dep = h.kube.cluster('dev').get('apps/v1', 'Deployment', 'shop', 'api-service') as unknown as { spec: { replicas: number } };
    expect(dep.spec.replicas).toBe(5);

    const card = await waitForCard(h.slack, CHANNEL, id, 30_000);
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Succeeded)/, 30_000);
    expect(h.slack.calls.some((c) => c.status === 429)).toBe(true);
    const replies = h.slack.thread(CHANNEL, card.ts).map((m) => visibleText(m));
    expect(replies.length).toBeGreaterThan(0);
    const tss = h.slack.thread(CHANNEL, card.ts).map((m) => Number(m.ts));
    expect([...tss].sort((a, b) => a - b)).toEqual(tss);
    expect(ephemeralTexts(h.slack, USERS.requester).join('\n')).toContain(id);
  });
});
