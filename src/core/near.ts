/**
 * "Did you mean": the known words nearest to a mistyped one. Generic: options and commands of
 * the command line use it, and Site24x7's name matching (site24x7/select.ts) adds its rules.
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

/** The known word nearest to `wanted` (case-insensitive), if any is near enough to suggest. */
export function nearest(wanted: string, known: readonly string[]): string | undefined {
  const w = wanted.toLowerCase();
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    const n = word.toLowerCase();
    const d = n === w ? 0 : n.includes(w) || w.includes(n) ? 1 : distance(w, n);
    if (d > Math.max(2, Math.floor(w.length / 3))) continue;
    if (!best || d < best.d || (d === best.d && word.localeCompare(best.word) < 0))
      best = { word, d };
  }
  return best?.word;
}
