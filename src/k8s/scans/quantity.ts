import { InvalidError } from '../../core/errors.js';

/** The three serialization formats of apimachinery's `resource.Quantity`. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/**
 * A parsed Kubernetes quantity. `nano` is the exact value in units of 10⁻⁹ (BigInt, so
 * `8Ei` and `1n` compare exactly); `format` is what apimachinery would re-serialize it as.
 */
export interface Quantity {
  readonly nano: bigint;
  readonly format: QuantityFormat;
}

// Sign, then digits with an optional fraction (at least one digit somewhere), then the suffix.
// Case-sensitive on purpose: `m` is milli, `M` is mega, `K` alone is not a suffix.
const GRAMMAR = /^([+-]?)(\d+|\d+\.\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = new Map(Object.entries(BINARY_SUFFIX).map(([s, p]) => [p / 10, s]));

const NANO_PER_ONE = 1_000_000_000n;
// apimachinery caps BinarySI amounts at MaxInt64 (quantity.go `maxAllowed`).
const MAX_BINARY_NANO = (2n ** 63n - 1n) * NANO_PER_ONE;
// Go keeps a decimal mantissa/exponent pair; we materialise BigInts, so absurd exponents are refused
// instead of allocating 10^huge. No real quota or limit gets anywhere near this bound.
const MAX_EXPONENT = 1000;

/** Parses a quantity exactly like apimachinery's `ParseQuantity`, rounding up to nano precision. Throws InvalidError. */
export function parseQuantity(input: string): Quantity {
  const m = GRAMMAR.exec(input);
  if (!m) throw invalid(input);
  const [, sign = '', number = '', suffix = ''] = m;
  const [intPart = '', fracPart = ''] = number.split('.');
  const digits = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, '') || '0');

  let format: QuantityFormat;
  let tenPower: number; // value = digits × 10^tenPower × 2^twoPower
  let twoPower = 0;
  if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    tenPower = -fracPart.length;
    twoPower = BINARY_SUFFIX[suffix] ?? 0;
  } else if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    tenPower = (DECIMAL_SUFFIX[suffix] ?? 0) - fracPart.length;
  } else {
    const exponent = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) throw invalid(input);
    format = 'DecimalExponent';
    tenPower = exponent - fracPart.length;
  }

  let magnitude = scaleToNano(digits << BigInt(twoPower), tenPower + 9);
  if (format === 'BinarySI' && magnitude > MAX_BINARY_NANO) magnitude = MAX_BINARY_NANO;
  // A binary amount below one is re-emitted in decimal (`0.5Ki` → `512`, `0.1Ki` → `102400m`).
  if (format === 'BinarySI' && magnitude < NANO_PER_ONE) format = 'DecimalSI';
  return { nano: sign === '-' ? -magnitude : magnitude, format };
}

/** Like parseQuantity, but returns undefined for invalid input (scans report those as findings). */
export function tryParseQuantity(input: string): Quantity | undefined {
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

/** The canonical string the API server would store (`1.5` → `1500m`, `1.5Gi` → `1536Mi`, `0.9Gi` → `966367641600m`). */
export function formatQuantity(q: Quantity): string {
  if (q.nano === 0n) return '0';
  const negative = q.nano < 0n;
  const abs = negative ? -q.nano : q.nano;
  const body =
    q.format === 'BinarySI' && abs >= 1024n * NANO_PER_ONE && abs % NANO_PER_ONE === 0n
      ? binaryCanonical(abs / NANO_PER_ONE)
      : decimalCanonical(abs, q.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
  return negative ? `-${body}` : body;
}

/** Compares two quantities numerically: negative, zero or positive like a sort comparator. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nano === b.nano ? 0 : a.nano < b.nano ? -1 : 1;
}

/** digits × 10^power, rounded away from zero to an integer (the nano-unit rounding of apimachinery). */
function scaleToNano(digits: bigint, power: number): bigint {
  if (digits === 0n) return 0n;
  if (power >= 0) return digits * 10n ** BigInt(power);
  // Dividing by more digits than the number has always leaves a non-zero remainder below one.
  if (-power > digits.toString().length) return 1n;
  const divisor = 10n ** BigInt(-power);
  const quotient = digits / divisor;
  return digits % divisor === 0n ? quotient : quotient + 1n;
}

function decimalCanonical(nano: bigint, format: 'DecimalSI' | 'DecimalExponent'): string {
  let mantissa = nano;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  // Suffixes step by thousands: give back factors of ten until the exponent is a multiple of 3.
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent -= 1;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Beyond exa there is no SI suffix; stay exact by keeping the mantissa in E.
  while (exponent > 18) {
    mantissa *= 1000n;
    exponent -= 3;
  }
  return `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent) ?? ''}`;
}

function binaryCanonical(units: bigint): string {
  let mantissa = units;
  let power = 0;
  while (mantissa % 1024n === 0n && BINARY_BY_POWER.has(power + 1)) {
    mantissa /= 1024n;
    power += 1;
  }
  return `${mantissa}${BINARY_BY_POWER.get(power) ?? ''}`;
}

function invalid(input: string): InvalidError {
  const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
  return new InvalidError(`"${shown}" is not a valid Kubernetes quantity`);
}
