import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commandSpecs, parseInvocation, resolveScope, UsageError } from '../../../src/commands/index.js';
import { testConfig } from './support.js';

const config = testConfig();
const names = commandSpecs.map((s) => s.name);
const flags = [...new Set(commandSpecs.flatMap((s) => s.flags.map((f) => f.name)))];

const token = fc.oneof(
  fc.constantFrom(...names, ...Object.keys(config.apps), ...Object.keys(config.environments)),
  fc.constantFrom(...flags).chain((f) => fc.constantFrom(`--${f}`, `--${f}=`, `\u2014${f}`)),
  fc.tuple(fc.constantFrom(...flags), fc.string()).map(([f, v]) => `--${f}=${v}`),
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => `--${s}`),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.integer({ min: -5, max: 20_000 }).map(String),
  fc.constantFrom('"', "'", '\u201c', '\u201d', '\u2018', '""', '', '-', '--', '=', 'R-7KQ2M9AB', 'v1.31.2', '1h30m', 'sha256:'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.stringMatching(/^[a-z0-9][a-z0-9.:/@_-]{0,60}$/),
);

const text = fc.oneof(
  fc.tuple(fc.array(token, { maxLength: 8 }), fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '')).map(([ts, sep]) => ts.join(sep)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  // Long input (Slack allows ~4,000 characters after the command), cheaply generated.
  fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.integer({ min: 300, max: 1_000 })).map(([s, n]) => s.repeat(n)),
);

describe('parseInvocation never throws', () => {
  it('returns an invocation or a typed UsageError for 10,000 random inputs', () => {
    fc.assert(
      fc.property(text, (input) => {
        const r = parseInvocation(input, { config });
        if (r.ok) {
          expect(names).toContain(r.invocation.command);
          // Whatever parses resolves: names were checked against the same configuration.
          expect(resolveScope(r.invocation, config).ok).toBe(true);
          expect(JSON.parse(JSON.stringify(r.invocation))).toEqual(r.invocation);
        } else {
          expect(r.error).toBeInstanceOf(UsageError);
          expect(r.error.code).toBe('usage');
          expect(r.error.userMessage.length).toBeGreaterThan(0);
          expect(r.error.userMessage.length).toBeLessThan(1_500);
          expect(r.error.suggestions.every((s) => typeof s === 'string')).toBe(true);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
