import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startHarness, type Harness } from '../../support/harness.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { ackText, buttonTexts, ephemeralTexts, requestIdIn, visibleText, waitForCard, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';
import { clusterWrites, isScalePatch } from '../../support/cluster-writes.js';
import { createAuditLog } from '../../../src/audit/index.js';
import { createLogger } from '../../../src/core/logger.js';

type Deployment = { spec: { template: { spec: { containers: { image: string }[] } } }; metadata: { annotations?: Record<string, string> } };

function annotations(h: Harness, name: string): Record<string, string> {
  const d = h.kube.cluster('prod').get('apps/v1', 'Deployment', 'shop', name) as unknown as Deployment | undefined;
  return d?.metadata.annotations ?? {};
}

function image(h: Harness, env: 'prod' | 'dev', name = 'api-service'): string {
  const d = h.kube.cluster(env).get('apps/v1', 'Deployment', 'shop', name) as unknown as Deployment | undefined;
  return d?.spec.template.spec.containers[0]?.image ?? '';
}

async function request(h: Harness, text: string, user: string = USERS.requester): Promise<{ id: string; ack: string }> {
  const res = await h.slack.slashCommand({ user, channel: CHANNEL, text });
  expect(res.acked).toBe(true);
  const ack = ackText(res.body);
  return { id: requestIdIn(ack), ack };
}

describe.each(['http', 'socket'] as const)('request pipeline end to end (%s mode)', (mode) => {
  let h: Harness;
  let redis: Redis;

  beforeAll(async () => {
    h = await startHarness({ mode, name: `flow-${mode}` });
    await h.kube.cluster('prod').settle();
    redis = new Redis(h.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await h?.stop();
  });

  it('rollback: request → card with plan → approval → job → thread → audit', async () => {
    expect(image(h, 'prod')).toMatch(/:v1\.4\.2$/);
    const { id, ack } = await request(h, 'rollback api-service prod');
    expect(ack).toContain(id);

    const card = await waitForCard(h.slack, CHANNEL, id);
    const awaiting = await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);
    const text = visibleText(awaiting);
    expect(text).toContain(`<@${USERS.requester}>`);
    expect(text).toMatch(/v1\.4\.2/);
    expect(text).toMatch(/v1\.4\.1/);
    expect(buttonTexts(awaiting)).toEqual(expect.arrayContaining(['Approve', 'Deny', 'Cancel']));
    expect(image(h, 'prod')).toMatch(/:v1\.4\.2$/); // nothing changes before approval

    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    const done = await waitForCardState(h.slack, CHANNEL, card.ts, /^(Succeeded)/, 45_000);
    expect(buttonTexts(done)).not.toContain('Approve');
    expect(image(h, 'prod')).toMatch(/:v1\.4\.1$/);
    // Provenance names people by the handles Slack sent with the command and the click (issue 9 item 11).
    expect(annotations(h, 'api-service')).toMatchObject({
      'kubernetes.io/change-cause': `shipmate ${id} rollback by @riley.requester, approved by @avery.approver`,
      'shipmate.dev/request-id': id,
    });

    const thread = h.slack.thread(CHANNEL, card.ts);
    expect(thread.length).toBeGreaterThan(0);

    const audit = createAuditLog({ redis, key: `${h.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
    const actions = (await audit.read({ requestId: id })).map((r) => r.event.action);
    expect(actions).toEqual(expect.arrayContaining(['requested', 'approved', 'running', 'succeeded']));
    expect(actions.indexOf('approved')).toBeLessThan(actions.indexOf('succeeded'));
    expect((await audit.verify()).ok).toBe(true);
  });

  it('refuses self-approval and non-approvers with a clear answer, and runs nothing', async () => {
    const { id } = await request(h, 'scale web-frontend prod 3');
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);

    await h.slack.clickButton({ user: USERS.requester, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    await h.slack.clickButton({ user: USERS.bystander, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    await h.slack.waitFor(() => ephemeralTexts(h.slack, USERS.bystander).some((t) => /approve/i.test(t)));
    const own = ephemeralTexts(h.slack, USERS.requester).join('\n');
    expect(own).toMatch(/you requested this|own request/i);
    expect(ephemeralTexts(h.slack, USERS.bystander).join('\n')).toMatch(/S0SRELEADS|approve list|not allowed|may not/i);

    const record = await h.shipmate.pipeline.get(id);
    expect(record?.state).toBe('awaiting_approval');
    expect(record?.approvals).toEqual([]);

    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Deny' });
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Denied)/i);
    expect((await h.shipmate.pipeline.get(id))?.state).toBe('denied');
  });

  it('a Slack retry of the same slash command creates no second request', async () => {
    const triggerId = `trig-${mode}-retry`;
    const first = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'restart web-frontend prod', triggerId });
    const again = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'restart web-frontend prod', triggerId, retryNum: 1 });
    const a = requestIdIn(ackText(first.body));
    const b = requestIdIn(ackText(again.body));
    expect(b).toBe(a);
    await waitForCard(h.slack, CHANNEL, a);
    const cards = h.slack.messages(CHANNEL).filter((m) => visibleText(m).includes('restart web-frontend prod'));
    expect(cards).toHaveLength(1);
    await h.shipmate.pipeline.cancel(a, USERS.requester);
  });

  it('twenty concurrent Approve clicks run exactly one job', async () => {
    const { id } = await request(h, 'scale web-frontend prod 4');
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);
    h.kube.cluster('prod').resetRequests();
    const clickers = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? USERS.approver : USERS.approver2));
    await Promise.all(clickers.map((user) => h.slack.clickButton({ user, channel: CHANNEL, messageTs: card.ts, text: 'Approve' })));
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Succeeded)/, 45_000);
    // Exactly once: one scale-subresource PATCH, and one provenance write for this request.
    const writes = clusterWrites(h.kube.cluster('prod'), 'web-frontend');
    expect(writes.filter((w) => isScalePatch(w, 'web-frontend'))).toHaveLength(1);
    expect(writes.filter((w) => w.requestId === id)).toHaveLength(1);
    expect(writes).toHaveLength(2);
    const approver = (await h.shipmate.pipeline.get(id))?.approvals[0]?.user === USERS.approver ? 'avery.approver' : 'alex.approver';
    expect(annotations(h, 'web-frontend')).toMatchObject({
      'kubernetes.io/change-cause': `shipmate ${id} scale by @riley.requester, approved by @${approver}`,
      'shipmate.dev/request-id': id,
    });
    const audit = createAuditLog({ redis, key: `${h.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
    const running = (await audit.read({ requestId: id })).filter((r) => r.event.action === 'running');
    expect(running).toHaveLength(1);
  });

  it('answers usage errors with the closest valid choices and enqueues nothing', async () => {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'rollbak api-servce prod' });
    const text = ackText(res.body);
    expect(text).toMatch(/rollback/);
    expect(text).not.toMatch(/R-[0-9A-Z]{6}/);
    const res2 = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'rollback api-servce prod' });
    expect(ackText(res2.body)).toMatch(/api-service/);
  });
});
