import { parseDurationSeconds } from '../core/duration.js';

/** `90s`, `30m`, `1h`, `2h30m`, `1d` → milliseconds; null for anything else (including zero). */
export function parseDurationMs(text: string): number | null {
  // YAML values may carry stray spaces around the duration; they are not worth a config error.
  const seconds = parseDurationSeconds(text.trim());
  if (seconds === null) return null;
  const ms = seconds * 1_000;
  return Number.isSafeInteger(ms) ? ms : null;
}
