import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, visibleText, waitForCardText } from '../../support/slack-helpers.js';
import { CHANNEL } from '../../support/users.js';
import { APP, IMAGE, approveTwice, finished, gitLog, healthyAt, imageIn, otherCommit, overlay, request, startStoryHarness, type StoryHarness } from './git-changes-harness.js';

const threadText = (h: StoryHarness, ts: string): string => h.slack.thread(CHANNEL, ts).map(visibleText).join('\n');

describe('plan binding, races and the automatic revert', () => {
  let h: StoryHarness;
  beforeAll(async () => {
    h = await startStoryHarness({ name: 'git-binding', minHealthyTime: '1h' });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a commit to the same overlay between plan and approval: the approved plan stops, nothing is committed', async () => {
    const { ts } = await request(h, `upgrade ${APP} prod 1.6.0`);
    await waitForCardText(h.slack, CHANNEL, ts, /Awaiting approval/);
    const theirs = await otherCommit(h, { [`apps/${APP}/envs/prod/kustomization.yaml`]: overlay('1.4.1') }, 'CI: prod hotfix 1.4.1');
    await approveTwice(h, ts);
    const card = await finished(h, ts);
    expect(card).toMatch(/Failed/);
    expect(card).toContain('the GitOps repository changed since it was approved');
    expect(card).toContain('CI: prod hotfix 1.4.1');
    expect((await gitLog(h))[0]?.sha).toBe(theirs);
    // Shipmate neither committed nor asked Argo CD for anything: prod still runs what it ran.
    expect(imageIn(h.kube, 'prod')).toBe(`${IMAGE}:1.4.0`);
  }, 90_000);

  it('a commit to another path between plan and approval: the change is rebased onto it and pushed, never forced', async () => {
    const { id, ts } = await request(h, `upgrade ${APP} prod 1.6.0`);
    await waitForCardText(h.slack, CHANNEL, ts, /Awaiting approval/);
    const theirs = await otherCommit(h, { 'apps/other/README.md': 'another team, changed\n' }, 'other team: docs');
    await approveTwice(h, ts);
    expect(await finished(h, ts)).toMatch(/Succeeded/);
    const [mine, parent] = await gitLog(h);
    expect(parent?.sha).toBe(theirs);
    expect(mine?.message).toContain(`Shipmate-Request: ${id}`);
    expect(await h.slack.waitFor(() => (/rebased/.test(threadText(h, ts)) ? threadText(h, ts) : undefined), 15_000)).toMatch(/the branch had moved but apps\/api-service\/envs\/prod\/kustomization\.yaml had not/);
    expect(imageIn(h.kube, 'prod')).toBe(`${IMAGE}:1.6.0`);
    expect(h.git.pushes.filter((p) => p.forced)).toEqual([]);
  }, 90_000);

  it('a commit whose revision goes Degraded is reverted by Shipmate, which says so', async () => {
    const before = imageIn(h.kube, 'dev');
    const { ts } = await request(h, `upgrade ${APP} dev 1.7.0-broken`);
    const card = await finished(h, ts);
    expect(card).toMatch(/Failed/);
    const [revert, broken] = await gitLog(h);
    expect(broken?.message).toMatch(/^api-service dev: upgrade .* -> 1\.7\.0-broken/);
    expect(revert?.message).toContain(`This reverts commit ${broken!.sha}.`);
    expect(card).toContain(`Shipmate reverted it with commit ${revert!.sha}`);
    await eventually(async () => healthyAt(h.kube, 'dev', revert!.sha) && imageIn(h.kube, 'dev') === before, 30_000);
    expect(h.git.pushes.filter((p) => p.forced)).toEqual([]);
  }, 90_000);
});
