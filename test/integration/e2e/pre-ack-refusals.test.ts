import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { startBot, startSims, type Bot, type Sims } from '../../support/harness.js';
import { freePort } from '../../support/free-port.js';
import { ackText, eventually, requestIdIn, waitForCard, waitForCardText } from '../../support/slack-helpers.js';
import { CHANNEL, GROUPS, USERS } from '../../support/users.js';
import { createAuditLog } from '../../../src/audit/index.js';
import { createLogger } from '../../../src/core/logger.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';

const CONFIG = `clusters:
  prod: { context: prod }
  dev: { context: dev }
  prod-eu: { context: prod-eu }
environments:
  prod: { cluster: prod, namespace: shop, policy: production }
  dev: { cluster: dev, namespace: shop, policy: open }
  eu: { cluster: prod-eu, namespace: shop, policy: open }
  elsewhere: { cluster: dev, namespace: shop, policy: open, channel: C0ELSEWHERE }
apps:
  web-frontend: { workload: deployment/web-frontend }
  api-service: { workload: deployment/api-service }
policies:
  production:
    run: [${GROUPS.oncall}]
    approve: [${GROUPS.sreLeads}]
    approvals: 1
  open: { run: ["*"], approvals: 0 }
`;

/** kube-sim's kubeconfig plus a context `prod-eu` whose API server nobody listens on. */
async function addDeadCluster(path: string): Promise<string> {
  const kc = parse(await readFile(path, 'utf8')) as { clusters: unknown[]; contexts: { name: string; context: { cluster: string; user: string } }[] };
  const port = await freePort();
  kc.clusters.push({ name: 'prod-eu', cluster: { server: `https://127.0.0.1:${port}` } });
  kc.contexts.push({ name: 'prod-eu', context: { cluster: 'prod-eu', user: kc.contexts[0]!.context.user } });
  const out = `${path}.with-dead-cluster`;
  await writeFile(out, stringify(kc), { mode: 0o600 });
  return out;
}

describe('refusals known before the ack are ephemeral answers: no card, no job', () => {
  let sims: Sims;
  let bot: Bot;
  let redis: Redis;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    sims = await startSims({ mode: 'http', name: 'pre-ack', configYaml: CONFIG, eventsPort: port });
    sims.processEnv.KUBECONFIG = await addDeadCluster(sims.kube.kubeconfigPath);
    bot = await startBot(sims, { port });
    redis = new Redis(sims.redisUrl);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    redis?.disconnect();
    await bot?.stop();
    await sims?.stop();
  });

  const audit = () => createAuditLog({ redis, key: `${sims.prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: createLogger({ level: 'silent' }) });

  async function ask(text: string, user: string = USERS.requester): Promise<string> {
    const res = await sims.slack.slashCommand({ user, channel: CHANNEL, text });
    expect(res.acked).toBe(true);
    return ackText(res.body);
  }

  const requestCount = async (): Promise<number> => (await bot.shipmate.pipeline.list({ limit: 50 })).length;

  it('a scale above the policy maximum says what was wrong and what would be right', async () => {
    const cards = sims.slack.callsTo('chat.postMessage').length;
    expect(await ask('scale web-frontend prod 80')).toContain("scale to 80 is above production's maximum of 50 replicas; allowed: 0–50");
    // The parser no longer has bounds of its own: 20000 is policy's answer too.
    expect(await ask('scale web-frontend prod 20000')).toContain("scale to 20000 is above production's maximum of 50 replicas; allowed: 0–50");
    expect(await bot.shipmate.pipeline.list({ limit: 50 })).toEqual([]);
    expect(sims.slack.callsTo('chat.postMessage').length).toBe(cards);
    const refused = (await audit().read()).filter((r) => r.event.action === 'refused');
    expect(refused.map((r) => r.event.decision)).toEqual(['policy production: scale.max', 'policy production: scale.max']);
  });

  it('wrong channel and unknown names are ephemeral too', async () => {
    const before = await requestCount();
    expect(await ask('status api-service elsewhere')).toContain('elsewhere requests are accepted only in');
    expect(await ask('status nope prod')).toContain('unknown app');
    expect(await requestCount()).toBe(before);
  });

  it('/readyz reports an unreachable cluster per cluster without failing readiness', async () => {
    const body = await eventually(async () => {
      const res = await fetch(`${base}/readyz`);
      const json = (await res.json()) as { status: string; clusters?: Record<string, string> };
      return res.status === 200 && json.clusters?.['prod-eu']?.startsWith('unreachable') ? json : undefined;
    });
    expect(body.status).toBe('ok');
    expect(body.clusters).toMatchObject({ prod: 'reachable', dev: 'reachable' });
    expect(body.clusters?.['prod-eu']).toMatch(/^unreachable: ECONNREFUSED/);
  });

  it('a request for an environment on that cluster is answered before anything is enqueued', async () => {
    const before = await requestCount();
    expect(await ask('status api-service eu')).toMatch(/cluster prod-eu is unreachable: ECONNREFUSED/);
    expect(await requestCount()).toBe(before);
    // A reachable cluster still works.
    expect(requestIdIn(await ask('status api-service dev'))).toMatch(/^R-/);
  });

  it('rejected approval attempts (self-approval, non-approver) are audit records with their actor', async () => {
    const id = requestIdIn(await ask('scale web-frontend prod 3'));
    const card = await waitForCard(sims.slack, CHANNEL, id);
    await waitForCardText(sims.slack, CHANNEL, card.ts, /Awaiting approval/i);
    // A click is acked before its refusal is audited, so each next step waits for the last
    // refusal to be on record; otherwise two of them could be recorded in either order.
    const refusals = (n: number) =>
      eventually(async () => {
        const r = (await audit().read({ requestId: id })).filter((e) => e.event.action === 'refused');
        return r.length === n ? r : undefined;
      });
    await sims.slack.clickButton({ user: USERS.requester, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    await refusals(1);
    await sims.slack.clickButton({ user: USERS.bystander, channel: CHANNEL, messageTs: card.ts, text: 'Approve' });
    await refusals(2);
    await sims.slack.clickButton({ user: USERS.bystander, channel: CHANNEL, messageTs: card.ts, text: 'Deny' });
    await refusals(3);
    expect(await ask(`cancel ${id}`, USERS.bystander)).toMatch(/only the requester or an approver may cancel/);
    const refused = await refusals(4);
    expect(refused.map((r) => [r.event.actor, r.event.decision])).toEqual([
      [USERS.requester, 'policy production: no self-approval'],
      [USERS.bystander, 'policy production: approve'],
      [USERS.bystander, 'policy production: approve'],
      [USERS.bystander, 'policy production: approve'],
    ]);
    expect(refused.map((r) => r.event.detail?.split(':')[0])).toEqual(['approve', 'approve', 'deny', 'cancel']);
    expect(refused.map((r) => r.event.command)).toEqual(['scale', 'scale', 'scale', 'scale']);
    expect((await bot.shipmate.pipeline.get(id))?.state).toBe('awaiting_approval');
  });

  it('a validly signed payload with no user is refused before the audit', async () => {
    const before = (await audit().read()).length;
    const slash = new URLSearchParams({ team_id: 'T0SIM', channel_id: CHANNEL, command: '/k8s', text: 'scale web-frontend prod 3', response_url: 'http://127.0.0.1:9/r', trigger_id: 'no-user-1' }).toString();
    const res = await fetch(`${base}/slack/events`, { method: 'POST', body: slash, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sims.slack.signedHeaders(slash) } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/could not tell who sent/);

    const id = (await bot.shipmate.pipeline.list({ limit: 50 })).find((r) => r.state === 'awaiting_approval')!.id;
    const click = (user: object) => {
      const payload = {
        type: 'block_actions', ...user, team: { id: 'T0SIM' }, channel: { id: CHANNEL }, trigger_id: 'no-user-2', response_url: 'http://127.0.0.1:9/r',
        actions: [{ type: 'button', action_id: 'shipmate_approve', block_id: 'b', value: id, action_ts: `${Math.floor(Date.now() / 1000)}.000001` }],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return fetch(`${base}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sims.slack.signedHeaders(body) } });
    };
    // Without any user object Bolt itself cannot route the payload; with an empty one our listener refuses it.
    await (await click({})).text();
    const res2 = await click({ user: { name: 'nobody' } });
    expect(res2.status).toBe(200);
    await res2.text();
    await eventually(async () => bot.logs.filter((l) => l.msg === 'refused a Slack payload without a user').length === 2);
    const after = await audit().read();
    // Jobs of earlier tests may still be finishing; none of the refused payloads added a record.
    expect(after.slice(before).filter((r) => ['requested', 'refused', 'approved'].includes(r.event.action))).toEqual([]);
    expect(after.every((r) => typeof r.event.actor === 'string' && r.event.actor !== '')).toBe(true);
    expect((await bot.shipmate.pipeline.get(id))?.state).toBe('awaiting_approval');
  });
});
