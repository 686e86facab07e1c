import { describe, expect, it } from 'vitest';
import { parseSlackTimestamp, payloadStaleness, staleness } from '../../../../src/slack/ingress/freshness.js';

const NOW_MS = 1_764_500_000_000;
const NOW = NOW_MS / 1000;

describe('parseSlackTimestamp', () => {
  it.each(['Infinity', '-Infinity', '1.5e9', `${NOW}.0`, '  123', `${NOW} `, '', '-5', `-${NOW}`, '0x10', '+123', '0123', '0', 'NaN', '1'.repeat(13)])(
    'refuses %j',
    (text) => expect(parseSlackTimestamp(text)).toBeNull(),
  );
  it('refuses a missing or repeated header', () => {
    expect(parseSlackTimestamp(undefined)).toBeNull();
    expect(parseSlackTimestamp([String(NOW), String(NOW)])).toBeNull();
  });
  it('reads plain unix seconds', () => expect(parseSlackTimestamp(String(NOW))).toBe(NOW));
});

describe('staleness: |now − ts| ≤ 300 s, both directions', () => {
  it.each([-300, -1, 0, 1, 300])('accepts a skew of %i s', (skew) => expect(staleness(NOW + skew, NOW_MS)).toBeNull());
  it.each([301, 3600, 86_400])('refuses %i s in the future', (skew) => expect(staleness(NOW + skew, NOW_MS)).toMatch(/in the future/));
  it.each([301, 3600, 86_400])('refuses %i s in the past', (skew) => expect(staleness(NOW - skew, NOW_MS)).toMatch(/old/));
  it('refuses an unparseable timestamp', () => expect(staleness(null, NOW_MS)).toMatch(/not a plain integer/));
});

describe('payloadStaleness (Socket Mode)', () => {
  it('checks every action_ts and event_time', () => {
    expect(payloadStaleness({ actions: [{ action_ts: `${NOW}.000100` }] }, NOW_MS)).toBeNull();
    expect(payloadStaleness({ actions: [{ action_ts: `${NOW + 3600}.000100` }] }, NOW_MS)).toMatch(/future/);
    expect(payloadStaleness({ actions: [{ action_ts: 'Infinity' }] }, NOW_MS)).toMatch(/plain integer/);
    expect(payloadStaleness({ event_time: NOW - 86_400 }, NOW_MS)).toMatch(/old/);
  });
  it('accepts payloads without a clock (slash commands)', () => {
    expect(payloadStaleness({ command: '/k8s', text: 'help' }, NOW_MS)).toBeNull();
  });
});
