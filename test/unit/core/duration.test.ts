import { describe, expect, it } from 'vitest';
import { parseDurationSeconds } from '../../../src/core/duration.js';

describe('parseDurationSeconds', () => {
  it.each([
    ['90s', 90],
    ['30m', 1_800],
    ['2h30m', 9_000],
    ['1d', 86_400],
    ['1d2h3m4s', 93_784],
  ])('reads %s', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', '0s', '0d0h', '30m2h', '1w', '5 minutes', ' 1h', '1.5h', `${'9'.repeat(20)}d`])('rejects %j', (text) => {
    expect(parseDurationSeconds(text)).toBeNull();
  });
});
