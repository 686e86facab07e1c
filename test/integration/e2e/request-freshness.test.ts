import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { ackText, eventually, requestIdIn, waitForCard, waitForCardText } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';

const nowSec = (): number => Math.floor(Date.now() / 1000);

function slashBody(text: string, triggerId: string): string {
  return new URLSearchParams({
    team_id: 'T0SIM', channel_id: CHANNEL, channel_name: 'ops', user_id: USERS.requester, user_name: 'riley.requester',
    command: '/k8s', text, api_app_id: 'A0SIM', response_url: 'http://127.0.0.1:9/response/x', trigger_id: triggerId,
  }).toString();
}

/** The body Slack sends when `user` clicks Approve on the card of `requestId`. */
function approveBody(requestId: string, cardTs: string, user: string): string {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'avery.approver', team_id: 'T0SIM' },
    api_app_id: 'A0SIM',
    team: { id: 'T0SIM', domain: 'sim' },
    channel: { id: CHANNEL, name: 'ops' },
    container: { type: 'message', message_ts: cardTs, channel_id: CHANNEL, is_ephemeral: false },
    trigger_id: `click-${Math.random().toString(16).slice(2)}`,
    response_url: 'http://127.0.0.1:9/response/y',
    actions: [{ type: 'button', block_id: 'b', action_id: 'shipmate_approve', value: requestId, action_ts: `${nowSec()}.000100` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('HTTP mode enforces |now − X-Slack-Request-Timestamp| ≤ 5 minutes in both directions', () => {
  let h: Harness;
  let url: string;
  let pending: { id: string; ts: string };

  beforeAll(async () => {
    h = await startHarness({ mode: 'http', name: 'freshness' });
    url = `http://127.0.0.1:${h.port}/slack/events`;
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'scale web-frontend prod 3' });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);
    pending = { id, ts: card.ts };
  });
  afterAll(async () => h?.stop());

  async function post(body: string, timestamp: number | string): Promise<number> {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...h.slack.signedHeaders(body, timestamp) };
    const res = await fetch(url, { method: 'POST', body, headers });
    await res.text();
    return res.status;
  }

  const HOUR = 3600;
  const DAY = 86_400;
  const refused: [string, () => number | string][] = [
    ['one hour ahead', () => nowSec() + HOUR],
    ['one day ahead', () => nowSec() + DAY],
    ['six minutes ahead', () => nowSec() + 6 * 60],
    ['one hour behind', () => nowSec() - HOUR],
    ['one day behind', () => nowSec() - DAY],
    ['Infinity', () => 'Infinity'],
    ['now in exponent form', () => `${(nowSec() / 1e9).toFixed(9)}e9`],
    ['now with a fraction', () => `${nowSec()}.5`],
    ['now in hex', () => `0x${nowSec().toString(16)}`],
    ['1.5e9', () => '1.5e9'],
    ['padded', () => '  123'],
    ['empty', () => ''],
    ['negative', () => `-${nowSec()}`],
  ];

  it.each(refused)('a correctly signed Approve click dated %s → 401', async (_label, ts) => {
    expect(await post(approveBody(pending.id, pending.ts, USERS.approver), ts())).toBe(401);
  });

  it.each(refused)('a correctly signed slash command dated %s → 401', async (label, ts) => {
    expect(await post(slashBody('status api-service dev', `stale-${label}`), ts())).toBe(401);
  });

  it('a signed request without the timestamp header → 401 (Slack always sends it)', async () => {
    const body = slashBody('status api-service dev', 'no-ts');
    const { 'X-Slack-Signature': signature } = h.slack.signedHeaders(body);
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Slack-Signature': signature! } });
    expect(res.status).toBe(401);
  });

  it("Slack's unsigned ssl_check probe still gets its 200", async () => {
    const res = await fetch(url, { method: 'POST', body: 'ssl_check=1&token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
  });

  it('none of them changed anything: the pending scale is still pending, nothing else was requested', async () => {
    const record = await h.shipmate.pipeline.get(pending.id);
    expect(record?.state).toBe('awaiting_approval');
    expect(record?.approvals).toEqual([]);
    expect((await h.shipmate.pipeline.list({ limit: 50 })).map((r) => r.id)).toEqual([pending.id]);
  });

  it('within five minutes either way is accepted', async () => {
    expect(await post(slashBody('status api-service dev', 'fresh-behind'), nowSec() - 4 * 60)).toBe(200);
    expect(await post(approveBody(pending.id, pending.ts, USERS.approver), nowSec() + 4 * 60)).toBe(200);
    await eventually(async () => (await h.shipmate.pipeline.get(pending.id))?.state !== 'awaiting_approval');
    expect((await h.shipmate.pipeline.get(pending.id))?.approvals.map((a) => a.user)).toEqual([USERS.approver]);
  });
});

describe('Socket Mode applies the same window to the clock a payload carries (action_ts)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket', name: 'freshness-socket' });
  });
  afterAll(async () => h?.stop());

  it('a click dated an hour ahead or behind is acknowledged and dropped; a fresh one counts', async () => {
    const res = await h.slack.slashCommand({ user: USERS.requester, channel: CHANNEL, text: 'scale web-frontend prod 3' });
    const id = requestIdIn(ackText(res.body));
    const card = await waitForCard(h.slack, CHANNEL, id);
    await waitForCardText(h.slack, CHANNEL, card.ts, /Awaiting approval/i);

    for (const ts of [nowSec() + 3600, nowSec() - 3600, nowSec() + 86_400]) {
      const click = await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve', actionTs: `${ts}.000100` });
      expect(click.acked).toBe(true);
    }
    const click = await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve', actionTs: 'Infinity' });
    expect(click.acked).toBe(true);
    expect((await h.shipmate.pipeline.get(id))?.state).toBe('awaiting_approval');
    expect(h.logs.filter((l) => l.msg === 'dropped a Socket Mode payload outside the replay window')).toHaveLength(4);

    await h.slack.clickButton({ user: USERS.approver, channel: CHANNEL, messageTs: card.ts, text: 'Approve', actionTs: `${nowSec() - 240}.000100` });
    await eventually(async () => (await h.shipmate.pipeline.get(id))?.state !== 'awaiting_approval');
  });
});
