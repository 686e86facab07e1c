import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../../../src/core/errors.js';
import { compareQuantities, formatQuantity, parseQuantity, tryParseQuantity } from '../../../../src/k8s/scans/quantity.js';

const NANO = 1_000_000_000n;
const canonical = (s: string): string => formatQuantity(parseQuantity(s));

describe('parseQuantity values (nano-units)', () => {
  it.each([
    ['0', 0n],
    ['1', NANO],
    ['+1', NANO],
    ['-1', -NANO],
    ['007', 7n * NANO],
    ['.5', NANO / 2n],
    ['5.', 5n * NANO],
    ['1.5', 1_500_000_000n],
  ])('plain number %s', (input, nano) => {
    expect(parseQuantity(input).nano).toBe(nano);
  });

  it.each([
    ['5n', 5n],
    ['4u', 4_000n],
    ['3m', 3_000_000n],
    ['8k', 8_000n * NANO],
    ['7M', 7_000_000n * NANO],
    ['6G', 6n * 10n ** 9n * NANO],
    ['5T', 5n * 10n ** 12n * NANO],
    ['2P', 2n * 10n ** 15n * NANO],
    ['1E', 10n ** 18n * NANO],
  ])('decimal SI suffix %s', (input, nano) => {
    expect(parseQuantity(input)).toEqual({ nano, format: 'DecimalSI' });
  });

  it.each([
    ['1Ki', 1024n],
    ['7Mi', 7n * 2n ** 20n],
    ['6Gi', 6n * 2n ** 30n],
    ['5Ti', 5n * 2n ** 40n],
    ['4Pi', 4n * 2n ** 50n],
    ['3Ei', 3n * 2n ** 60n],
    ['1.5Gi', 1536n * 2n ** 20n],
  ])('binary SI suffix %s', (input, units) => {
    expect(parseQuantity(input)).toEqual({ nano: units * NANO, format: 'BinarySI' });
  });

  it.each([
    ['1e3', 1000n * NANO],
    ['1E3', 1000n * NANO],
    ['1e+3', 1000n * NANO],
    ['1e-3', 1_000_000n],
    ['1.5e3', 1500n * NANO],
    ['2e0', 2n * NANO],
    ['-1e-9', -1n],
  ])('exponent %s', (input, nano) => {
    expect(parseQuantity(input)).toEqual({ nano, format: 'DecimalExponent' });
  });

  it('rounds sub-nano precision up, away from zero', () => {
    expect(parseQuantity('0.0000000001').nano).toBe(1n);
    expect(parseQuantity('-0.0000000001').nano).toBe(-1n);
    expect(parseQuantity('1.0000000001').nano).toBe(NANO + 1n);
    expect(parseQuantity('1.5n').nano).toBe(2n);
    expect(parseQuantity('1e-100').nano).toBe(1n);
    expect(parseQuantity('0e-100').nano).toBe(0n);
  });

  it('turns binary amounts below one into decimal, and caps binary at MaxInt64 like apimachinery', () => {
    expect(parseQuantity('0.0005Ki')).toEqual({ nano: 512_000_000n, format: 'DecimalSI' });
    expect(parseQuantity('0.001Ki')).toEqual({ nano: 1_024_000_000n, format: 'BinarySI' });
    expect(parseQuantity('8Ei').nano).toBe((2n ** 63n - 1n) * NANO);
    expect(parseQuantity('8E').nano).toBe(8n * 10n ** 18n * NANO);
  });
});

describe('formatQuantity canonical forms', () => {
  it.each([
    ['1.5', '1500m'],
    ['0.1', '100m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['1.5Gi', '1536Mi'],
    ['1536Mi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['0.5Mi', '512Ki'],
    ['1.5Ki', '1536'],
    ['0.5Ki', '512'],
    ['0.9Gi', '966367641600m'],
    ['-1Ki', '-1Ki'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1.5e3', '1500'],
    ['1.5e-3', '1500e-6'],
    ['0Mi', '0'],
    ['0.0000000001', '1n'],
    ['1.0000000001', '1000000001n'],
    ['8Ei', '9223372036854775807'],
    ['1000E', '1000E'],
  ])('%s → %s', (input, output) => {
    expect(canonical(input)).toBe(output);
  });

  it('round-trips: canonical output parses to the same value', () => {
    const arb = fc.tuple(
      fc.constantFrom('', '-', '+'),
      fc.stringMatching(/^\d{1,6}(\.\d{0,12})?$/),
      fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ei', 'e3', 'e-7', 'E'),
    );
    fc.assert(
      fc.property(arb, ([sign, num, suffix]) => {
        const q = parseQuantity(`${sign}${num}${suffix}`);
        expect(parseQuantity(formatQuantity(q)).nano).toBe(q.nano);
      }),
    );
  });

  it('binary multiples are exact for any integer mantissa', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(['Ki', 10n], ['Mi', 20n], ['Gi', 30n]), (n, [s, p]) => {
        expect(parseQuantity(`${n}${s}`).nano).toBe(BigInt(n) * 2n ** p * NANO);
      }),
    );
  });
});

describe('invalid quantities', () => {
  it.each(['', ' 1', '1 ', '1K', '1.2.3', 'Mi', '--1', '+-1', '1e', '1i', '.5i', '0.1mi', 'aoeu', '1+1.0M', '1.1.M', '-3.01e-', '1Gb', '1KiB', '+', '-', '.', '1e1.5', '1ki', '1e99999'])(
    '%j is rejected',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(InvalidError);
      expect(tryParseQuantity(input)).toBeUndefined();
    },
  );
});

describe('compareQuantities', () => {
  it('compares across formats exactly', () => {
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1073741824'))).toBe(0);
    expect(compareQuantities(parseQuantity('1G'), parseQuantity('1Gi'))).toBe(-1);
    expect(compareQuantities(parseQuantity('1001m'), parseQuantity('1'))).toBe(1);
  });
});
