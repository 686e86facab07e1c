import { describe, expect, it } from 'vitest';
import { cronProblem, isTimeZone } from '../../../src/config/cron.js';
import { parseDurationMs } from '../../../src/config/duration.js';

describe('cron, time zones and durations', () => {
  it.each(['0 9 * * 1-5', '*/30 * * * *', '0 0 1 JAN,jul *', '5,10-20/5 0-23/2 1-31 1-12 0-7', '0 9 * * MON-FRI'])('accepts %s', (expr) => {
    expect(cronProblem(expr)).toBeNull();
  });

  it.each([
    ['0 9 * *', 'expected 5 fields'],
    ['* * * * * *', 'got 6'],
    ['60 * * * *', 'minute "60" is outside 0–59'],
    ['0 24 * * *', 'hour'],
    ['0 0 0 * *', 'day of month'],
    ['0 0 * 13 *', 'month'],
    ['0 0 * * 8', 'day of week'],
    ['*/0 * * * *', 'bad step'],
    ['5-1 * * * *', 'runs backwards'],
    ['@daily', 'expected 5 fields'],
  ])('rejects %s', (expr, message) => {
    expect(cronProblem(expr)).toContain(message);
  });

  it('validates time zones with Intl', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('parses durations to milliseconds', () => {
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('30m')).toBe(1_800_000);
    expect(parseDurationMs('2h30m')).toBe(9_000_000);
    expect(parseDurationMs('1d')).toBe(86_400_000);
    for (const bad of ['', '0m', '5', 'm', '1x', '1m2h']) expect(parseDurationMs(bad)).toBeNull();
  });
});
