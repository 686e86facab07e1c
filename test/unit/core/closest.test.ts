import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../../src/core/closest.js';

describe('editDistance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('prdo', 'prod')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestNames', () => {
  it('returns near names case-insensitively, nearest first, at most the limit', () => {
    expect(closestNames('Stagign', ['prod', 'staging', 'stagingx'])).toEqual(['staging', 'stagingx']);
    expect(closestNames('stagign', ['staging', 'stage'], { limit: 1 })).toEqual(['staging']);
  });

  it('gives short inputs no fuzzy match but still completes prefixes', () => {
    expect(closestNames('b', ['a'])).toEqual([]);
    expect(closestNames('pr', ['prod', 'dev'])).toEqual(['prod']);
  });

  it('compares only the start of the input when told to', () => {
    expect(closestNames(`prod${'x'.repeat(100)}`, ['prod'], { maxInputLength: 4 })).toEqual(['prod']);
    expect(closestNames(`prod${'x'.repeat(100)}`, ['prod'])).toEqual([]);
  });
});
