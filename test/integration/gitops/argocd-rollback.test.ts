import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { createAuditLog } from '../../../src/audit/index.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { createLogger } from '../../../src/core/logger.js';
import { kubectlFor, must } from '../kube-sim/kubectl.js';
import { eventually, visibleText, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';
import { application, image, imageOf, release, request, startGitOpsHarness, type GitOpsHarness } from './gitops-harness.js';

const SELF_HEAL_SECONDS = 0.5;

const threadText = (h: GitOpsHarness, ts: string): string => h.slack.thread(CHANNEL, ts).map(visibleText).join('\n');

describe('a rollback that sticks on an Argo CD app with automated sync and self-heal', () => {
  let h: GitOpsHarness;

  beforeAll(async () => {
    h = await startGitOpsHarness({ name: 'gitops-rollback', selfHealSeconds: SELF_HEAL_SECONDS });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('/k8s rollback, approved: previous revision, still there after several self-heal periods; /k8s resume restores the exact policy', async () => {
    const before = application(h, 'prod');
    const policy = structuredClone(before.spec.syncPolicy?.automated);
    expect(policy).toMatchObject({ prune: true, selfHeal: true });
    expect(before.status?.history?.map((e) => e.revision)).toEqual(h.revisions);
    expect(imageOf(h, 'prod', 'argo-api')).toBe(image('argo-api', '1.2.0'));

    const { id, ts } = await request(h, 'rollback argo-api prod');
    const awaiting = await waitForCardText(h.slack, CHANNEL, ts, /Awaiting approval/i);
    expect(visibleText(awaiting)).toMatch(/auto-sync will be SUSPENDED/);
    expect(visibleText(awaiting)).toContain(h.revisions[1]!.slice(0, 7));
    expect(imageOf(h, 'prod', 'argo-api')).toBe(image('argo-api', '1.2.0'));

    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: ts, text: 'Approve' });
    const done = await waitForCardState(h.slack, CHANNEL, ts, /^(Succeeded|Failed)/, 60_000);
    expect(visibleText(done)).toMatch(/Succeeded/);
    expect(visibleText(done)).toMatch(/auto-sync suspended/);
    expect(imageOf(h, 'prod', 'argo-api')).toBe(image('argo-api', '1.1.0'));

    const app = application(h, 'prod');
    expect(app.spec.syncPolicy?.automated).toBeUndefined();
    expect(JSON.parse(app.metadata.annotations?.['shipmate.dev/suspended-sync-policy'] ?? 'null')).toEqual(policy);
    // Thread replies go through the notifier queue: they may land after the card's last edit.
    const thread = await h.slack.waitFor(() => (/Reminder:/.test(threadText(h, ts)) ? threadText(h, ts) : undefined), 15_000);
    expect(thread).toMatch(/auto-sync SUSPENDED/);
    expect(thread).toContain('/k8s resume argo-api prod');
    expect(app.status?.history?.at(-1)?.revision).toBe(h.revisions[1]);
    // The reminder is a message of its own in the request's thread, and it is pinned to the channel.
    const reminder = h.slack.thread(CHANNEL, ts).find((m) => m.text.includes('Reminder:'));
    expect(reminder?.text).toMatch(/^:pushpin: \*Reminder:\* auto-sync on Argo CD Application argocd\/argo-api is suspended by this rollback/);
    expect(reminder?.text).toContain('run /k8s resume argo-api prod when Git holds the fix');
    expect(reminder?.text).not.toMatch(/auto-sync SUSPENDED|sync to history/);
    await h.slack.waitFor(() => h.slack.pins(CHANNEL).some((p) => p.ts === reminder?.ts), 15_000);
    const pins = await new WebClient('xoxb-sim', { slackApiUrl: h.slack.apiUrl }).pins.list({ channel: CHANNEL });
    const pinned = pins.items?.filter((i) => i.message?.thread_ts === ts) ?? [];
    expect(pinned.map((i) => i.message?.ts)).toEqual([reminder?.ts]);
    expect(pinned[0]?.message?.text).toContain('/k8s resume argo-api prod');

    // Several self-heal periods, with the controller made to compare (a refresh) and then idle.
    for (let i = 0; i < 4; i++) {
      await h.kube.cluster('prod').update({ ...application(h, 'prod'), metadata: { ...application(h, 'prod').metadata, annotations: { ...application(h, 'prod').metadata.annotations, 'argocd.argoproj.io/refresh': 'normal' } } });
      await new Promise((r) => setTimeout(r, SELF_HEAL_SECONDS * 1000));
      await h.kube.gitopsSettle?.();
    }
    expect(application(h, 'prod').status?.sync?.status).toBe('OutOfSync');
    expect(imageOf(h, 'prod', 'argo-api')).toBe(image('argo-api', '1.1.0'));

    // diff is read-only: it runs at once in prod and explains why Argo CD reports OutOfSync.
    const diff = await request(h, 'diff argo-api prod');
    const diffCard = visibleText(await waitForCardState(h.slack, CHANNEL, diff.ts, /^(Succeeded|Failed)/));
    expect(diffCard).toMatch(/drifted from Git \(Deployment\/argo-api\)/);
    const diffThread = await h.slack.waitFor(() => (/rollback still in effect/.test(threadText(h, diff.ts)) ? threadText(h, diff.ts) : undefined), 15_000);
    expect(diffThread).toMatch(/Deployment\/argo-api: matches what Argo CD last applied/);

    const resumed = await request(h, 'resume argo-api prod');
    const resumeCard = visibleText(await waitForCardText(h.slack, CHANNEL, resumed.ts, /Awaiting approval/i));
    expect(resumeCard).toMatch(/Owner.*Argo CD Application argo-api/);
    expect(resumeCard).toMatch(/restore the remembered auto-sync policy/);
    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: resumed.ts, text: 'Approve' });
    await waitForCardState(h.slack, CHANNEL, resumed.ts, /^(Succeeded)/, 30_000);
    const after = application(h, 'prod');
    expect(after.spec.syncPolicy?.automated).toEqual(policy);
    expect(after.metadata.annotations?.['shipmate.dev/suspended-sync-policy']).toBeUndefined();
    // With automation back, Argo CD returns to what Git says.
    await eventually(async () => imageOf(h, 'prod', 'argo-api') === image('argo-api', '1.2.0'), 30_000);

    const redis = new Redis(h.redisUrl);
    try {
      const audit = createAuditLog({ redis, key: `${h.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
      const actions = (await audit.read({ requestId: id })).map((r) => r.event.action);
      expect(actions).toEqual(expect.arrayContaining(['requested', 'approved', 'running', 'succeeded']));
    } finally {
      redis.disconnect();
    }
  }, 180_000);

  it('the same rollback as a plain kubectl rollout undo on the twin app is reverted by self-heal', async () => {
    const kubectl = await kubectlFor(h.kube, 'dev');
    expect(imageOf(h, 'dev', 'argo-api')).toBe(image('argo-api', '1.2.0'));
    await must(kubectl('rollout', 'undo', 'deployment/argo-api', '-n', 'shop'));
    expect(imageOf(h, 'dev', 'argo-api')).toBe(image('argo-api', '1.1.0'));
    await eventually(async () => imageOf(h, 'dev', 'argo-api') === image('argo-api', '1.2.0'), 30_000);
    expect(application(h, 'dev').spec.syncPolicy?.automated).toMatchObject({ selfHeal: true });
  }, 60_000);

  it('a deployment after approval was asked moves "the previous revision": the approval is void, nothing is rolled back', async () => {
    const { ts } = await request(h, 'rollback argo-api prod');
    await waitForCardText(h.slack, CHANNEL, ts, /Awaiting approval/i);
    const sha = await release(h, '1.3.0');
    const app = application(h, 'prod');
    await h.kube.cluster('prod').update({ ...app, metadata: { ...app.metadata, annotations: { ...app.metadata.annotations, 'argocd.argoproj.io/refresh': 'normal' } } });
    await eventually(async () => application(h, 'prod').status?.history?.at(-1)?.revision === sha, 30_000);
    expect(imageOf(h, 'prod', 'argo-api')).toBe(image('argo-api', '1.3.0'));

    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: ts, text: 'Approve' });
    const card = await waitForCardState(h.slack, CHANNEL, ts, /^(Succeeded|Failed)/, 30_000);
    expect(visibleText(card)).toMatch(/changed since it was approved/i);
    expect(imageOf(h, 'prod', 'argo-api')).toBe(image('argo-api', '1.3.0'));
    expect(application(h, 'prod').spec.syncPolicy?.automated).toMatchObject({ selfHeal: true });
  }, 90_000);
});
