import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../src/cli/audit.js';

describe('parseSince', () => {
  const now = new Date('2026-11-02T12:00:00Z');
  it('accepts ISO times and m/h/d durations back from now', () => {
    expect(parseSince('2026-11-01T00:00:00Z', now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('24h', now)?.toISOString()).toBe('2026-11-01T12:00:00.000Z');
    expect(parseSince('30m', now)?.toISOString()).toBe('2026-11-02T11:30:00.000Z');
    expect(parseSince('7d', now)?.toISOString()).toBe('2026-10-26T12:00:00.000Z');
  });
  it('rejects anything else', () => {
    expect(parseSince('yesterday', now)).toBeNull();
  });
});
