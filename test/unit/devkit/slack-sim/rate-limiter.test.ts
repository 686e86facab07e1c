import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../devkit/slack-sim/rate-limiter.js';

describe('RateLimiter', () => {
  it('answers a forced limit for N calls, then lets calls through', () => {
    const rl = new RateLimiter(false, () => 0);
    rl.force({ method: 'chat.postMessage', count: 2, retryAfterSec: 3 });
    expect([rl.check('chat.postMessage', 'C1'), rl.check('chat.postMessage', 'C1'), rl.check('chat.postMessage', 'C1')])
      .toEqual([3, 3, undefined]);
    expect(rl.check('chat.update', 'C1')).toBeUndefined();
  });

  it('answers a forced limit for a period', () => {
    let now = 1000;
    const rl = new RateLimiter(false, () => now);
    rl.force({ method: 'chat.update', forMs: 500 });
    expect(rl.check('chat.update', undefined)).toBe(1);
    now = 1499;
    expect(rl.check('chat.update', undefined)).toBe(1);
    now = 1500;
    expect(rl.check('chat.update', undefined)).toBeUndefined();
  });

  it('natural limits: postMessage bursts per channel, then ~1/s', () => {
    let now = 0;
    const rl = new RateLimiter(true, () => now);
    const burst = Array.from({ length: 6 }, () => rl.check('chat.postMessage', 'C1'));
    expect(burst.filter((r) => r === undefined)).toHaveLength(5);
    expect(burst[5]).toBe(1);
    expect(rl.check('chat.postMessage', 'C2')).toBeUndefined();
    now = 1000;
    expect(rl.check('chat.postMessage', 'C1')).toBeUndefined();
    expect(rl.check('chat.postMessage', 'C1')).toBe(1);
  });

  it('is off by default for natural limits', () => {
    const rl = new RateLimiter(false, () => 0);
    expect(Array.from({ length: 50 }, () => rl.check('chat.postMessage', 'C1')).every((r) => r === undefined)).toBe(true);
  });
});
