import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { ackText, eventually, requestIdIn, waitForCard, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';
import { blockApiServiceDisruptions } from '../../support/pdb.js';

describe('busy target and cancel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'busy' });
    // The demo's PDB is tightened to allow no disruption: the drain keeps retrying evictions.
    await blockApiServiceDisruptions(h.kube.cluster('prod'));
  });
  afterAll(async () => h?.stop());

  it('cancel from the Cancel button while awaiting approval', async () => {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'scale web-frontend prod 6' });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);
    await h.slack.clickButton({ user: USERS.requester, channel: CHANNEL, messageTs: card.ts, text: 'Cancel' });
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Cancelled)/i);
    expect((await h.shipmate.pipeline.get(id))?.state).toBe('cancelled');
  });

  it('a second request for a busy target is told who holds it and since when; /k8s cancel stops the running job', async () => {
    const first = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'drain node-b prod' });
    const id = requestIdIn(ackText(first.body));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);
    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    await eventually(async () => (await h.shipmate.pipeline.get(id))?.state === 'running', 20_000);
    await eventually(async () => h.kube.cluster('prod').requests.some((r) => r.method === 'POST' && r.path.endsWith('/eviction')), 20_000);

    const second = await h.slack.slashCommand({ user: USERS.approver2, channel: CHANNEL, text: 'uncordon node-b prod' });
    const secondText = ackText(second.body);
    expect(secondText).toContain(id);
    expect(secondText).toMatch(/busy/i);
    expect(secondText).toContain(`<@${USERS.requester}>`);

    const cancel = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: `cancel ${id}` });
    expect(ackText(cancel.body)).toMatch(/stopping|cancel/i);
    await eventually(async () => (await h.shipmate.pipeline.get(id))?.state === 'cancelled', 20_000);
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Cancelled)/i);
    // kubectl drain semantics: an aborted drain leaves the node cordoned.
    const node = h.kube.cluster('prod').get('v1', 'Node', undefined, 'node-b') as unknown as { spec: { unschedulable?: boolean } };
    expect(node.spec.unschedulable).toBe(true);
  });
});
