import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startBot, startSims, type Bot, type Sims } from '../../support/harness.js';
import { ackText, requestIdIn, visibleText, waitForCard, waitForCardText } from '../../support/slack-helpers.js';
import { CHANNEL, USERS, testConfigYaml } from '../../support/users.js';
import { createAuditLog } from '../../../src/audit/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { freePort } from '../../support/free-port.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';

let sims: Sims;
let bot: Bot;
let redis: Redis;

beforeAll(async () => {
  // prod refuses kubectl-style changes to Helm-owned workloads (the default is warn).
  const yaml = testConfigYaml()
    .replace('apps:\n', 'apps:\n  helm-api:\n    workload: deployment/helm-api\n')
    .replace('    readOnlyWithoutApproval: true\n', '    readOnlyWithoutApproval: true\n    imperativeOnOwned: { helm: refuse }\n');
  const port = await freePort();
  sims = await startSims({ mode: 'http', name: 'owner-refusal', configYaml: yaml, eventsPort: port });
  bot = await startBot(sims, { port });
  redis = new Redis(sims.redisUrl);
});

afterAll(async () => {
  redis?.disconnect();
  await bot?.stop();
  await sims?.stop();
});

describe('a change refused by imperativeOnOwned, through slack-sim and the real Bolt app', () => {
  it('the card says Refused by policy, why (the owner and its drift), and the Helm path instead; no buttons; audited as denied by policy', async () => {
    const res = await sims.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'restart helm-api prod' });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(sims.slack, CHANNEL, id);
    const shown = visibleText(await waitForCardText(sims.slack, CHANNEL, card.ts, /Refused by policy/));

    expect(shown).not.toMatch(/Failed|planning failed/);
    expect(shown).toContain('Refused:* Shipmate will not make this change with kubectl semantics. Helm release helm-api, revision 2, chart helm-api-0.1.0 owns this workload: a kubectl-style restart is not recorded in the release');
    expect(shown).toContain('Owner:* Helm release helm-api, revision 2, chart helm-api-0.1.0');
    expect(shown).toContain('Policy:* the policy of environment prod sets imperativeOnOwned.helm: refuse');
    expect(shown).toContain('/k8s rollback and /k8s upgrade of this app go through Helm (a new revision of release helm-api).');
    expect(shown).toContain('run helm upgrade helm-api --reuse-values --set');
    expect(shown).not.toMatch(/Approve|Deny|Cancel/);

    const audit = createAuditLog({ redis, key: `${sims.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });
    const events = (await audit.read({ requestId: id })).map((r) => r.event);
    expect(events.map((e) => e.action)).toEqual(['requested', 'denied']);
    expect(events[1]).toMatchObject({ actor: 'policy', decision: 'refused' });
    // Nothing was changed on the cluster.
    const deploy = sims.kube.cluster('prod').get('apps/v1', 'Deployment', 'shop', 'helm-api') as unknown as { spec: { template: { metadata?: { annotations?: Record<string, string> } } } };
    expect(deploy.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeUndefined();
  });
});
