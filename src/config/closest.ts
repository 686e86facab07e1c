/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions): `prdo` is one
 * edit from `prod`, which is the typo people actually make on a phone keyboard.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Up to `limit` known names close to `input` (case-insensitive), nearest first. */
export function closestNames(input: string, known: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  // Short names get no fuzzy match ("b" is not a typo of "a"); longer ones allow ~a third.
  const threshold = needle.length < 3 ? 0 : Math.max(1, Math.round(needle.length / 3));
  return [...known]
    .map((name) => ({ name, distance: editDistance(needle, name.toLowerCase()) }))
    .filter((c) => (c.distance <= threshold && c.distance < c.name.length) || (needle.length >= 2 && c.name.toLowerCase().startsWith(needle)))
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map((c) => c.name);
}
