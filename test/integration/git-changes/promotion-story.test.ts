import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createAuditLog } from '../../../src/audit/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { eventually, visibleText, waitForCardText } from '../../support/slack-helpers.js';
import { CHANNEL } from '../../support/users.js';
import { APP, IMAGE, app, approveTwice, finished, gitLog, healthyAt, imageIn, request, startStoryHarness, type StoryHarness } from './git-changes-harness.js';

const MIN_HEALTHY_SECONDS = 6;

describe('the issue 14 story: upgrade dev, promote to staging and prod, roll prod back — all as commits', () => {
  let h: StoryHarness;
  beforeAll(async () => {
    h = await startStoryHarness({ name: 'git-story', minHealthyTime: `${MIN_HEALTHY_SECONDS}s` });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('each step is a commit with trailers, deployed by Argo CD, and linked to its request in the audit trail', async () => {
    const shas = new Map<string, string>();

    const up = await request(h, `upgrade ${APP} dev 1.5.0`);
    expect(await finished(h, up.ts)).toMatch(/Succeeded/);
    let [head] = await gitLog(h);
    shas.set(up.id, head!.sha);
    expect(healthyAt(h.kube, 'dev', head!.sha)).toBe(true);

    const toStaging = await request(h, `promote ${APP} dev staging`);
    expect(await finished(h, toStaging.ts)).toMatch(/Succeeded/);
    [head] = await gitLog(h);
    shas.set(toStaging.id, head!.sha);
    expect(head?.message).toMatch(/^api-service staging: promote from dev 1\.4\.0 -> 1\.5\.0/);
    expect(imageIn(h.kube, 'staging')).toBe(`${IMAGE}:1.5.0`);
    expect(healthyAt(h.kube, 'staging', head!.sha)).toBe(true);

    // Staging has run 1.5.0 for less than the policy's minimum: refused before any approval, nothing committed.
    const early = await request(h, `promote ${APP} staging prod`);
    const refused = await finished(h, early.ts);
    expect(refused).toMatch(/prod only accepts a version that ran healthy in staging for 6s; 1\.5\.0 has been healthy there for \d+s/);
    expect((await gitLog(h))[0]?.sha).toBe(head!.sha);

    const deployedAt = Date.parse(app(h.kube, 'staging').status?.history?.at(-1)?.deployedAt ?? '');
    await new Promise((r) => setTimeout(r, Math.max(0, deployedAt + (MIN_HEALTHY_SECONDS + 1) * 1000 - Date.now())));
    const toProd = await request(h, `promote ${APP} staging prod`);
    const card = visibleText(await waitForCardText(h.slack, CHANNEL, toProd.ts, /Awaiting approval/));
    expect(card).toMatch(/-\s+newTag: "1\.4\.0"/);
    expect(card).toMatch(/\+\s+newTag: "1\.5\.0"/);
    expect(imageIn(h.kube, 'prod')).toBe(`${IMAGE}:1.4.0`);
    await approveTwice(h, toProd.ts);
    expect(await finished(h, toProd.ts)).toMatch(/Succeeded/);
    [head] = await gitLog(h);
    shas.set(toProd.id, head!.sha);
    expect(head?.message).toMatch(/^Approved-by: @avery\.approver <U0APPROVE1>$/m);
    expect(head?.message).toMatch(/^Approved-by: @alex\.approver <U0APPROVE2>$/m);
    expect(imageIn(h.kube, 'prod')).toBe(`${IMAGE}:1.5.0`);

    const back = await request(h, `rollback ${APP} prod`);
    expect(visibleText(await waitForCardText(h.slack, CHANNEL, back.ts, /Awaiting approval/))).toContain(`revert ${head!.sha.slice(0, 12)}`);
    await approveTwice(h, back.ts);
    expect(await finished(h, back.ts)).toMatch(/Succeeded/);
    const [revert] = await gitLog(h);
    shas.set(back.id, revert!.sha);
    expect(revert?.message).toContain(`This reverts commit ${head!.sha} for apps/${APP}/envs/prod.`);
    expect(revert?.message).toContain(`Shipmate-Request: ${back.id}`);
    await eventually(async () => imageIn(h.kube, 'prod') === `${IMAGE}:1.4.0`);
    expect(healthyAt(h.kube, 'prod', revert!.sha)).toBe(true);
    expect(imageIn(h.kube, 'staging')).toBe(`${IMAGE}:1.5.0`);

    // git log: every Shipmate commit names its request; the audit trail names the commit.
    const log = await gitLog(h);
    const redis = new Redis(h.redisUrl);
    try {
      const audit = createAuditLog({ redis, key: `${h.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
      for (const [id, sha] of shas) {
        expect(log.find((c) => c.sha === sha)?.message).toContain(`Shipmate-Request: ${id}`);
        const succeeded = (await audit.read({ requestId: id })).find((r) => r.event.action === 'succeeded');
        expect(succeeded?.event.result).toContain(sha);
      }
    } finally {
      redis.disconnect();
    }
    expect(h.git.pushes.filter((p) => p.forced)).toEqual([]);
  }, 240_000);
});
