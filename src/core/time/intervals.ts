// Half-open intervals [start, end) of epoch milliseconds, and the few operations the
// allocation needs on them. Every function returns new arrays; inputs are never mutated.

export type Interval = [start: number, end: number];

/** The length of an interval list that has no overlaps (as `union` returns). */
export function measure(intervals: readonly Interval[]): number {
  let total = 0;
  for (const [start, end] of intervals) total += end - start;
  return total;
}

/** Sorted, non-overlapping, non-touching intervals covering exactly what the inputs cover. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The part of [start, end) inside [from, to), or null when they do not overlap. */
export function clip(start: number, end: number, from: number, to: number): Interval | null {
  const clippedStart = Math.max(start, from);
  const clippedEnd = Math.min(end, to);
  return clippedEnd > clippedStart ? [clippedStart, clippedEnd] : null;
}

/** The parts of `from` not covered by `cut`; both sorted and disjoint (as `union` returns). */
export function subtract(from: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let c = 0;
  for (const [start, end] of from) {
    let at = start;
    while (c < cut.length && cut[c]![1] <= at) c++;
    for (let k = c; k < cut.length && cut[k]![0] < end; k++) {
      if (cut[k]![0] > at) result.push([at, cut[k]![0]]);
      at = Math.max(at, cut[k]![1]);
    }
    if (end > at) result.push([at, end]);
  }
  return result;
}
