import { isRequestId } from '../../core/ids.js';
import { parseDurationSeconds } from '../../core/duration.js';
import { ArgProblem } from '../usage-error.js';
import { preview } from '../args.js';

/** A whole number within bounds, written in plain decimal digits (no 1e3, 0x10, +5 or 3.0). */
export function boundedInt(text: string, what: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text)) throw new ArgProblem(`${what} must be a whole number, not "${preview(text)}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ArgProblem(`${what} must be between ${min} and ${max}, not ${preview(text)}`);
  return n;
}

/**
 * A replica count: its form only. The allowed range is policy's (`scale.min`/`scale.max`), checked
 * before the ack with the caller's permissions, so that one place states the bounds.
 */
export function replicaCount(text: string): number {
  if (!/^-?\d+$/.test(text)) throw new ArgProblem(`replicas must be a whole number, not "${preview(text)}"`);
  if (text.startsWith('-')) throw new ArgProblem(`replicas must be a whole number of 0 or more, not "${preview(text)}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new ArgProblem(`${preview(text)} is too large for a replica count`);
  return n;
}

const MAX_SINCE_SECONDS = 7 * 86_400;
// A number too long for any sane `--since` reads as a typo, so it gets the format hint rather
// than the range one: at most 6 digits before d/h/m and 7 before s.
const OVERLONG_NUMBER = /\d{7}[dhm]|\d{8}s/;

/** `--since`: `90s`, `15m`, `1h`, `2h30m`, `1d` → seconds; at most 7 days. */
export function sinceSeconds(text: string): number {
  const total = OVERLONG_NUMBER.test(text) ? null : parseDurationSeconds(text);
  if (total === null) throw new ArgProblem(`--since takes a duration such as 90s, 15m, 1h or 2h30m, not "${preview(text)}"`);
  if (total > MAX_SINCE_SECONDS) throw new ArgProblem('--since can reach back at most 7d');
  return total;
}

/** Kubernetes versions for preflight: `1.31`, `v1.31`, `1.31.2`, `v1.31.2` → without the `v`. */
export function kubeVersion(text: string): string {
  const match = /^v?(1\.(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2}))?)$/.exec(text);
  if (!match) throw new ArgProblem(`"${preview(text)}" is not a Kubernetes version; use e.g. 1.31 or v1.31.2`);
  return match[1]!;
}

/** Request ids as shown on cards; typed in lowercase from a phone is fine. */
export function requestId(text: string): string {
  const upper = text.toUpperCase();
  if (!isRequestId(upper)) throw new ArgProblem(`"${preview(text)}" is not a request id; they look like R-7KQ2M9AB (see /k8s jobs)`);
  return upper;
}
