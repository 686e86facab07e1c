import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL } from '../../support/users.js';
import { APP, BOT_AUTHOR, IMAGE,  gitLog, healthyAt, imageIn, request, startStoryHarness, type StoryHarness } from './git-changes-harness.js';

describe('upgrade of a GitOps app is a reviewed commit (real git server, simulated Argo CD, Slack pipeline)', () => {
  let h: StoryHarness;
  beforeAll(async () => {
    h = await startStoryHarness({ name: 'git-upgrade', minHealthyTime: '1h' });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('upgrade api-service dev 1.5.0: the plan is the file diff; the commit carries trailers; Argo CD syncs it healthy', async () => {
    const { id, ts } = await request(h, `upgrade ${APP} dev 1.5.0`);
    const done = visibleText(await waitForCardState(h.slack, CHANNEL, ts, /^(Succeeded|Failed)/, 60_000));
    expect(done).toMatch(/Succeeded/);
    const [head] = await gitLog(h);
    expect(head?.author).toBe(BOT_AUTHOR);
    expect(head?.message).toMatch(/^api-service dev: upgrade 1\.4\.0 -> 1\.5\.0/);
    expect(head?.message).toMatch(/^Requested-by: @riley\.requester <U0REQUEST1>$/m);
    expect(head?.message).toContain(`Shipmate-Request: ${id}`);
    expect(healthyAt(h.kube, 'dev', head!.sha)).toBe(true);
    expect(imageIn(h.kube, 'dev')).toBe(`${IMAGE}:1.5.0`);
    expect(imageIn(h.kube, 'prod')).toBe(`${IMAGE}:1.4.0`);
    expect(h.git.pushes.filter((p) => p.forced)).toEqual([]);
  }, 90_000);
});
