/** Standard 5-field cron schedules (and the @-macros) as the CronJob controller's robfig/cron parses them. */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(text: string, [lo, hi]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, upper] = range === '*' || range === '?' ? [lo, hi] : (range.split('-').map(Number) as [number, number?]);
    const to = upper ?? (stepText === undefined ? from : hi);
    if (!Number.isInteger(from) || !Number.isInteger(to) || !Number.isInteger(step) || step < 1 || from < lo || to > hi || from > to) {
      throw new Error(`unparseable cron field "${text}"`);
    }
    for (let v = from; v <= to; v += step) out.add(hi === 6 && v === 7 ? 0 : v);
  }
  return out;
}

export interface Schedule {
  /** The first matching minute strictly after `after` (epoch ms), in UTC. */
  next(after: number): number;
}

export function parseSchedule(text: string): Schedule {
  const expr = MACROS[text.trim()] ?? text.trim();
  const fields = expr.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${text}`);
  const [min, hour, dom, month, dow] = fields.map((f, i) => parseField(f, RANGES[i] ?? [0, 0]));
  const domAny = fields[2] === '*' || fields[2] === '?';
  const dowAny = fields[4] === '*' || fields[4] === '?';
  return {
    next(after: number): number {
      let t = Math.floor(after / 60_000) * 60_000 + 60_000;
      // A year of minutes bounds the search; schedules such as "0 0 30 2 *" never match.
      for (let i = 0; i < 527_040; i++, t += 60_000) {
        const d = new Date(t);
        if (!min?.has(d.getUTCMinutes()) || !hour?.has(d.getUTCHours()) || !month?.has(d.getUTCMonth() + 1)) continue;
        const domOk = dom?.has(d.getUTCDate()) ?? false;
        const dowOk = dow?.has(d.getUTCDay()) ?? false;
        if (domAny || dowAny ? domOk && dowOk : domOk || dowOk) return t;
      }
      return Infinity;
    },
  };
}
