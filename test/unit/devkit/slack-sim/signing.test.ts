import { createHmac } from 'node:crypto';
import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../../../devkit/slack-sim/index.js';

describe('signSlackRequest', () => {
  const secret = 'sim-signing-secret';
  const body = 'token=x&team_id=T0SIM&command=%2Fk8s&text=status+api-service+prod';

  it('is accepted by Bolt’s own verifier', () => {
    const ts = Math.floor(Date.now() / 1000);
    const signature = signSlackRequest(secret, body, ts);
    expect(() => verifySlackRequest({
      signingSecret: secret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
    })).not.toThrow();
  });

  it('is rejected by Bolt for another secret, another body, or a stale timestamp', () => {
    const ts = Math.floor(Date.now() / 1000);
    const check = (sig: string, b: string, t: number): boolean => isValidSlackRequest({
      signingSecret: secret, body: b, headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': t },
    });
    expect(check(signSlackRequest('other', body, ts), body, ts)).toBe(false);
    expect(check(signSlackRequest(secret, body, ts), `${body}&x=1`, ts)).toBe(false);
    expect(check(signSlackRequest(secret, body, ts - 600), body, ts - 600)).toBe(false);
  });

  it('is v0= plus the hex HMAC-SHA256 of v0:<ts>:<body>', () => {
    const expected = createHmac('sha256', secret).update(`v0:1531420618:${body}`).digest('hex');
    expect(signSlackRequest(secret, body, 1531420618)).toBe(`v0=${expected}`);
  });
});
