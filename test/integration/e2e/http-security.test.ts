import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { CHANNEL, USERS } from '../../support/users.js';
import { eventually } from '../../support/slack-helpers.js';

function slashBody(text: string, triggerId: string): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0SIM',
    team_domain: 'sim',
    channel_id: CHANNEL,
    channel_name: 'ops',
    user_id: USERS.requester,
    user_name: 'riley.requester',
    command: '/k8s',
    text,
    api_app_id: 'A0SIM',
    response_url: 'http://127.0.0.1:9/response/x',
    trigger_id: triggerId,
  }).toString();
}

describe('HTTP mode rejects forged, stale and malformed requests before anything is enqueued', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness({ mode: 'http', name: 'http-sec' });
    url = `http://127.0.0.1:${h.port}/slack/events`;
  });
  afterAll(async () => h?.stop());

  async function post(body: string, headers: Record<string, string>): Promise<number> {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    await res.text();
    return res.status;
  }

  it('forged signature → 401', async () => {
    const body = slashBody('scale web-frontend prod 2', 'forged-1');
    const headers = h.slack.signedHeaders(body);
    headers['X-Slack-Signature'] = `v0=${'0'.repeat(64)}`;
    expect(await post(body, headers)).toBe(401);
  });

  it('timestamp older than five minutes → 401, even with a valid signature for it', async () => {
    const body = slashBody('scale web-frontend prod 2', 'stale-1');
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(await post(body, h.slack.signedHeaders(body, stale))).toBe(401);
  });

  it('malformed interactive payload → 400', async () => {
    const body = 'payload=%7Bnot-json';
    expect(await post(body, h.slack.signedHeaders(body))).toBe(400);
  });

  it('enqueued nothing and posted nothing for any of them', async () => {
    expect(await h.shipmate.pipeline.list({ limit: 50 })).toEqual([]);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('a correctly signed request is accepted (control)', async () => {
    const body = slashBody('status api-service dev', 'good-1');
    expect(await post(body, h.slack.signedHeaders(body))).toBe(200);
  });

  it('/healthz, /readyz and /metrics answer on the same port', async () => {
    const base = `http://127.0.0.1:${h.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('shipmate_requests_total');
    // The control request's status job ran: its duration is recorded.
    await eventually(async () => (await (await fetch(`${base}/metrics`)).text()).includes('shipmate_job_duration_seconds_count{command="status",outcome="succeeded"} 1'), 20_000);
  });
});
