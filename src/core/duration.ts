const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
// Units largest first, each at most once: `2h30m`, never `30m2h` or `1h1h`.
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * The compact duration grammar shared by config and commands: `90s`, `30m`, `1h`, `2h30m`, `1d`
 * → whole seconds. Null for anything else, including zero and totals beyond a safe integer.
 * No trimming and no upper bound: callers decide those.
 */
export function parseDurationSeconds(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const [, d, h, m, s] = match;
  const seconds = Number(d ?? 0) * UNIT_SECONDS.d + Number(h ?? 0) * UNIT_SECONDS.h + Number(m ?? 0) * UNIT_SECONDS.m + Number(s ?? 0);
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : null;
}
