/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions): `prdo` is one
 * edit from `prod`, which is the typo people actually make on a phone keyboard.
 */
export function editDistance(a: string, b: string): number {
  // Only the last two rows are needed (the transposition looks two back), so keep just those.
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prev2[j - 2]! + 1);
      row.push(best);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

export interface ClosestOptions {
  /** How many names to return at most; default 3. */
  limit?: number;
  /** Compare only this many (lower-cased) characters of the input; default: all of it. */
  maxInputLength?: number;
}

/** Up to `limit` known names close to `input` (case-insensitive), nearest first; [] when nothing is close. */
export function closestNames(input: string, known: Iterable<string>, options: ClosestOptions = {}): string[] {
  const needle = input.toLowerCase().slice(0, options.maxInputLength ?? Infinity);
  // Short names get no fuzzy match ("b" is not a typo of "a"); longer ones allow ~a third.
  const threshold = needle.length < 3 ? 0 : Math.max(1, Math.round(needle.length / 3));
  return [...known]
    .map((name) => ({ name, distance: editDistance(needle, name.toLowerCase()) }))
    .filter((c) => (c.distance <= threshold && c.distance < c.name.length) || (needle.length >= 2 && c.name.toLowerCase().startsWith(needle)))
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, options.limit ?? 3)
    .map((c) => c.name);
}
