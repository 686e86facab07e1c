import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/commands/index.js';

describe('tokenize', () => {
  it('splits on any whitespace and keeps quoted groups', () => {
    expect(tokenize(' a\tb\n"c d"  \'e f\' ')).toEqual(['a', 'b', 'c d', 'e f']);
  });

  it('accepts typographic quotes from Slack and phones', () => {
    expect(tokenize('\u201cprod eu\u201d \u2018x y\u2019')).toEqual(['prod eu', 'x y']);
  });

  it('joins quoted parts to adjacent text and keeps empty quotes as empty tokens', () => {
    expect(tokenize('a"b c"d ""')).toEqual(['ab cd', '']);
  });

  it('does no shell processing', () => {
    expect(tokenize('$(id) `id` a;b | c')).toEqual(['$(id)', '`id`', 'a;b', '|', 'c']);
  });

  it('throws on an unclosed quote', () => {
    expect(() => tokenize('"abc')).toThrow(/unclosed quote/);
  });
});
