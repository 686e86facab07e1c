import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/audit/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { mrkdwnTexts, renderingDefects } from '../../support/hostile-text.js';
import { blockApiServiceDisruptions } from '../../support/pdb.js';
import { ackText, eventually, requestIdIn, visibleText, waitForCard, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';

/**
 * Everything the bot shows in one full session: cards, thread replies, ack answers, ephemerals.
 * No mention may reach a reader unrendered and no `<placeholder>` may be taken for a link.
 */
describe('what readers see', () => {
  let h: Harness;
  const answers: { text?: unknown; blocks?: unknown }[] = [];

  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'visible' });
    await blockApiServiceDisruptions(h.kube.cluster('prod'));
  });
  afterAll(async () => h?.stop());

  async function command(text: string, user: string = USERS.requester): Promise<string> {
    const res = await h.slack.slashCommand({ user, channel: CHANNEL, text });
    if (res.body && typeof res.body === 'object') answers.push(res.body as { text?: unknown; blocks?: unknown });
    return ackText(res.body);
  }

  async function awaitingCard(text: string): Promise<{ id: string; ts: string }> {
    const id = requestIdIn(await command(text));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);
    return { id, ts: card.ts };
  }

  it('a full session: help, deny, cancel, busy, run, audit', async () => {
    await command('help');
    await command('help drain');
    await command('help rollback');

    const denied = await awaitingCard('rollback api-service prod');
    await h.slack.clickButton({ user: USERS.requester, channel: CHANNEL, messageTs: denied.ts, text: 'Approve' });
    await eventually(async () => h.slack.ephemerals(USERS.requester).some((e) => /own request|cannot approve/i.test(visibleText(e))));
    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: denied.ts, text: 'Deny' });
    const deniedCard = await waitForCardState(h.slack, CHANNEL, denied.ts, /^(Denied)/i);
    expect(visibleText(deniedCard)).toContain(`Denied by <@${USERS.approver}>`);

    const cancelled = await awaitingCard('scale web-frontend prod 3');
    await h.slack.clickButton({ user: USERS.requester, channel: CHANNEL, messageTs: cancelled.ts, text: 'Cancel' });
    await waitForCardState(h.slack, CHANNEL, cancelled.ts, /^(Cancelled)/i);

    const drain = await awaitingCard('drain node-b prod');
    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: drain.ts, text: 'Approve' });
    await eventually(async () => (await h.shipmate.pipeline.get(drain.id))?.state === 'running', 20_000);
    const busy = await command('uncordon node-b prod', USERS.approver2);
    expect(busy).toMatch(/busy/);
    expect(busy).toContain(`<@${USERS.requester}>`);
    await command(`cancel ${drain.id}`);
    const stopped = await waitForCardState(h.slack, CHANNEL, drain.ts, /^(Cancelled)/i);
    expect(visibleText(stopped)).toContain(`Cancelled by <@${USERS.requester}>`);

    const status = requestIdIn(await command('status web-frontend prod'));
    const statusCard = await waitForCard(h.slack, CHANNEL, status);
    await waitForCardState(h.slack, CHANNEL, statusCard.ts, /^(Succeeded)/i);
    await eventually(async () => h.slack.thread(CHANNEL, statusCard.ts).length > 0);

    const audit = await command('audit api-service prod');
    expect(audit).toContain('Audit trail: api-service in prod');
    expect(audit).not.toMatch(/Audit trail: Audit trail/);
    await command('jobs');
    await command('rollback nosuchapp prod');

    const texts = [
      ...answers.flatMap(mrkdwnTexts),
      ...h.slack.ephemerals().flatMap(mrkdwnTexts),
      ...h.slack.messages(CHANNEL).flatMap((m) => [m, ...m.replies]).flatMap(mrkdwnTexts),
    ];
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.flatMap((t) => renderingDefects(t).map((d) => `${d}\n  in: ${t.slice(0, 300)}`))).toEqual([]);

    // The audit trail (what `shipmate audit export` writes as JSONL) holds ids, never Slack markup.
    const redis = new Redis(h.redisUrl);
    try {
      const audit = createAuditLog({ redis, key: `${h.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
      const lines = (await audit.read()).map((r) => JSON.stringify(r));
      expect(lines.some((l) => l.includes(`"actor":"${USERS.requester}"`) && l.includes('cancelled while running'))).toBe(true);
      expect(lines.filter((l) => /<[@#!]|&lt;/.test(l))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
