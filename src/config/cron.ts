interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is Sunday too, as in Vixie cron.
  { name: 'day of week', min: 0, max: 7, names: DAYS },
];

function value(text: string, spec: FieldSpec): number | null {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : null;
  }
  const idx = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (idx < 0) return null;
  return spec.names === MONTHS ? idx + 1 : idx;
}

function checkPart(part: string, spec: FieldSpec): string | null {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || range === undefined || range === '') return `bad ${spec.name} "${part}"`;
  if (step !== undefined && !/^[1-9]\d{0,1}$/.test(step)) return `bad step "${step}" in ${spec.name}`;
  if (range === '*') return null;
  const [lo, hi, more] = range.split('-');
  if (more !== undefined || lo === undefined) return `bad ${spec.name} "${part}"`;
  const a = value(lo, spec);
  const b = hi === undefined ? a : value(hi, spec);
  if (a === null || b === null) return `${spec.name} "${range}" is outside ${spec.min}–${spec.max}`;
  if (a > b) return `${spec.name} range "${range}" runs backwards`;
  return null;
}

/** Checks a standard 5-field cron expression; returns the first problem, or null when valid. */
export function cronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== FIELDS.length) {
    return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  }
  for (const [i, field] of fields.entries()) {
    for (const part of field.split(',')) {
      const problem = checkPart(part, FIELDS[i]!);
      if (problem) return problem;
    }
  }
  return null;
}

/** Whether `tz` is an IANA time zone this runtime knows (Intl throws RangeError otherwise). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}
