import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage } from '../../../devkit/slack-sim/index.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { allTexts, fenceCount, HOSTILE, liveInjectedTokens, mrkdwnTexts } from '../../support/hostile-text.js';
import { ackText, requestIdIn, waitForCard, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';

/**
 * Cluster text (a change-cause annotation, a Warning event) is written by whoever can write to
 * the cluster. It must reach Slack as inert text: no live broadcast, no closed fence.
 */
describe('broadcast injection from cluster data', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'inject' });
    const prod = h.kube.cluster('prod');
    for (const rs of prod.list('apps/v1', 'ReplicaSet', 'shop')) {
      if (!rs.metadata.ownerReferences?.some((o) => o.name === 'web-frontend')) continue;
      rs.metadata.annotations = { ...rs.metadata.annotations, 'kubernetes.io/change-cause': HOSTILE };
      await prod.update(rs);
    }
    const deploy = prod.get('apps/v1', 'Deployment', 'shop', 'web-frontend');
    if (!deploy) throw new Error('demo seed has no web-frontend');
    deploy.metadata.annotations = { ...deploy.metadata.annotations, 'kubernetes.io/change-cause': HOSTILE };
    await prod.update(deploy);
    await prod.settle();
    await prod.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-frontend.evil', namespace: 'shop' },
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-frontend', namespace: 'shop', uid: deploy.metadata.uid },
      type: 'Warning',
      reason: 'BackOff',
      message: HOSTILE,
      count: 1,
      lastTimestamp: new Date().toISOString(),
    });
  });
  afterAll(async () => h?.stop());

  async function run(text: string): Promise<SimMessage> {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardState(h.slack, CHANNEL, card.ts, /^(Succeeded)/i);
    // The result section is a thread reply; wait until it carries the hostile text.
    return h.slack.waitFor(() => {
      const m = h.slack.messages(CHANNEL).find((x) => x.ts === card.ts);
      return m && m.replies.some((r) => allTexts(r).some((t) => t.includes('approve R-ABCDEF'))) ? m : undefined;
    }, 20_000);
  }

  function expectInert(card: SimMessage): void {
    const texts = allTexts(card);
    for (const t of texts) {
      expect(liveInjectedTokens(t), t).toEqual([]);
      expect(fenceCount(t) % 2, t).toBe(0);
    }
    // Shown, not dropped: the reader still sees what the cluster said, escaped.
    expect(texts.join('\n')).toContain('&lt;!channel&gt;');
  }

  it('a change-cause annotation shown by /k8s history carries no live broadcast and cannot close the fence', async () => {
    expectInert(await run('history web-frontend prod'));
  });

  it('answers that echo what a user typed carry no live token, in blocks or fallback text', async () => {
    for (const text of ['rollback <!channel> prod', 'status web-frontend <!here>', '<!everyone> now', 'logs web-frontend prod --container <@U0EVIL>', 'cancel <#C0EVIL>']) {
      const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text });
      const texts = mrkdwnTexts(res.body as { text?: unknown; blocks?: unknown });
      expect(texts.length, text).toBeGreaterThan(0);
      for (const t of texts) expect(liveInjectedTokens(t), `${text} → ${t}`).toEqual([]);
    }
  });

  it('a Warning event shown by /k8s status carries no live broadcast and cannot close the fence', async () => {
    expectInert(await run('status web-frontend prod'));
  });
});
