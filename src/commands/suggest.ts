/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). A copy of
 * config/closest.ts: commands/ may import only types from config/.
 */
export function editDistance(a: string, b: string): number {
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

/** Up to `limit` (default 3) known names near `input`, nearest first; [] when nothing is close. */
export function closest(input: string, known: Iterable<string>, limit = 3): string[] {
  // Long garbage tokens would make the table large for no useful answer.
  const needle = input.toLowerCase().slice(0, 64);
  // Short names get no fuzzy match ("b" is not a typo of "a"); longer ones allow ~a third.
  const threshold = needle.length < 3 ? 0 : Math.max(1, Math.round(needle.length / 3));
  return [...known]
    .map((name) => ({ name, distance: editDistance(needle, name.toLowerCase()) }))
    .filter((c) => (c.distance <= threshold && c.distance < c.name.length) || (needle.length >= 2 && c.name.toLowerCase().startsWith(needle)))
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map((c) => c.name);
}
