/**
 * "Did you mean": the known words nearest to a mistyped one. Generic: options and commands of
 * the command line use it, and Site24x7's name matching (site24x7/select.ts) adds its tag rule.
 */

/** Edit distance with transpositions (optimal string alignment). */
export function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows[i] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The items whose names are nearest to `wanted` (case-insensitive), nearest first, ties by
 * name: an exact name scores 0, a name containing the other (or contained in it) 1, anything
 * else its edit distance; only scores within max(2, a third of the wanted length) count.
 * `adjust` lets a caller bring its own kinds of nearness closer (Site24x7 tags).
 */
export function nearestMatches<T>(
  wanted: string,
  items: readonly T[],
  nameOf: (item: T) => string,
  opts: { max?: number; adjust?: (wanted: string, name: string, d: number) => number } = {},
): T[] {
  const w = wanted.toLowerCase();
  return items
    .map((item) => {
      const name = nameOf(item);
      const n = name.toLowerCase();
      const d = n === w ? 0 : n.includes(w) || w.includes(n) ? 1 : distance(w, n);
      return { item, name, d: opts.adjust ? opts.adjust(w, n, d) : d };
    })
    .filter(({ d }) => d <= Math.max(2, Math.floor(w.length / 3)))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, opts.max ?? Infinity)
    .map(({ item }) => item);
}

/** The known word nearest to `wanted` (case-insensitive), if any is near enough to suggest. */
export function nearest(wanted: string, known: readonly string[]): string | undefined {
  return nearestMatches(wanted, known, (word) => word, { max: 1 })[0];
}
