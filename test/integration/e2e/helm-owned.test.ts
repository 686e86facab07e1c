import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { helmPath } from '../../../scripts/tools.js';
import { startBot, startSims, type Bot, type Sims } from '../../support/harness.js';
import { ackText, requestIdIn, visibleText, waitForCard, waitForCardText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS, testConfigYaml } from '../../support/users.js';
import { createAuditLog } from '../../../src/audit/index.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';
import { createLogger } from '../../../src/core/logger.js';
import { decodeReleaseData } from '../../../src/k8s/helm/release-record.js';
import { helmHome } from '../owners/helm-twins.js';
import { freePort } from '../../support/free-port.js';

let sims: Sims;
let bot: Bot;
let redis: Redis;

function revisions(): [string, string, string][] {
  return sims.kube
    .cluster('prod')
    .list('v1', 'Secret', 'shop')
    .filter((s) => s.metadata.labels?.['owner'] === 'helm' && s.metadata.labels['name'] === 'helm-api')
    .map((s): [string, string, string] => [s.metadata.labels?.['version'] ?? '', s.metadata.labels?.['status'] ?? '', decodeReleaseData((s as unknown as { data: { release: string } }).data.release).description])
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

async function request(text: string): Promise<string> {
  const res = await sims.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text });
  return requestIdIn(ackText(res.body));
}

beforeAll(async () => {
  const yaml = testConfigYaml().replace('apps:\n', 'apps:\n  helm-api:\n    workload: deployment/helm-api\n');
  const port = await freePort();
  sims = await startSims({ mode: 'http', name: 'helm-owned', configYaml: yaml, eventsPort: port });
  // The demo seed's helm-api: two revisions the real helm wrote (v1.0.0, then v1.1.0).
  const home = await helmHome();
  Object.assign(sims.processEnv, home.env, { SHIPMATE_HELM_PATH: helmPath });
  bot = await startBot(sims, { port });
  redis = new Redis(sims.redisUrl);
});

afterAll(async () => {
  redis?.disconnect();
  await bot?.stop();
  await sims?.stop();
});

describe('a Helm-owned app through Slack, the pipeline and the real helm', () => {
  it('rollback: the card names the release and shows the manifest diff; after approval helm records "Rollback to 1"; audited', async () => {
    const id = await request('rollback helm-api prod');
    const card = await waitForCard(sims.slack, CHANNEL, id);
    const awaiting = visibleText(await waitForCardText(sims.slack, CHANNEL, card.ts, /Awaiting approval/i));
    expect(awaiting).toContain('Owner:* Helm release helm-api, revision 2, chart helm-api-0.1.0');
    expect(awaiting).toMatch(/roll back Helm release helm-api from revision 2 .* to revision 1/);
    expect(awaiting).toMatch(/^-\s+- image: registry\.example\.com\/shop\/helm-api:v1\.1\.0$/m);
    expect(awaiting).toMatch(/^\+\s+- image: registry\.example\.com\/shop\/helm-api:v1\.0\.0$/m);
    expect(revisions().length).toBe(2); // nothing changes before approval

    await sims.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    await waitForCardState(sims.slack, CHANNEL, card.ts, /^(Succeeded)/, 45_000);
    expect(revisions()).toEqual([
      ['1', 'superseded', 'Install complete'],
      ['2', 'superseded', 'Upgrade complete'],
      ['3', 'deployed', 'Rollback to 1'],
    ]);
    const audit = createAuditLog({ redis, key: `${sims.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
    const actions = (await audit.read({ requestId: id })).map((r) => r.event.action);
    expect(actions).toEqual(expect.arrayContaining(['requested', 'plan', 'approved', 'running', 'succeeded']));
  });

  it('restart: no Helm strategy, so under the default `warn` the card carries the drift warning for approvers', async () => {
    const id = await request('restart helm-api prod');
    const card = await waitForCard(sims.slack, CHANNEL, id);
    const awaiting = visibleText(await waitForCardText(sims.slack, CHANNEL, card.ts, /Awaiting approval/i));
    expect(awaiting).toContain('Drift warning:* Helm release helm-api, revision 3, chart helm-api-0.1.0 owns this workload: a kubectl-style restart is not recorded in the release');
    await sims.slack.clickButton({ user: USERS.requester, channel: CHANNEL, messageTs: card.ts, text: 'Cancel' });
    // The audit trail keeps what approvers were warned about.
    const audit = createAuditLog({ redis, key: `${sims.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
    const plan = (await audit.read({ requestId: id })).find((r) => r.event.action === 'plan');
    expect(plan?.event.detail).toMatch(/^restart deployment\/helm-api .*; drift warning: Helm release helm-api, revision 3, chart helm-api-0\.1\.0 owns this workload/);
  });
});
