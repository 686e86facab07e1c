import { describe, expect, it } from 'vitest';
import { slackHandle, HANDLE_MAX } from '../../../src/core/handle.js';

describe('slackHandle', () => {
  it('keeps a Slack handle as it is', () => {
    expect(slackHandle('riley.requester')).toBe('riley.requester');
    expect(slackHandle('a_b-c9')).toBe('a_b-c9');
  });

  it('drops a leading @ and turns anything outside the safe set into single dashes', () => {
    expect(slackHandle('@alice')).toBe('alice');
    expect(slackHandle('riley (on-call)')).toBe('riley-on-call');
    expect(slackHandle('bob\n, approved by @mallory')).toBe('bob-approved-by-mallory');
    expect(slackHandle('<@U0BOSS>')).toBe('U0BOSS');
  });

  it('caps the length', () => {
    expect(slackHandle('x'.repeat(500))).toBe('x'.repeat(HANDLE_MAX));
  });

  it('is undefined for what is no handle at all, so callers fall back to the user id', () => {
    for (const v of [undefined, null, 42, {}, '', '   ', '@', '***', '\u202e\u0000']) expect(slackHandle(v)).toBeUndefined();
  });
});
