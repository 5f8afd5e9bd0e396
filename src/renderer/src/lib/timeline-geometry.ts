import type { Interval } from '../../../shared/api';

/**
 * Intervals → pixel spans at the current scale, clipped to the view and merged where they
 * would touch on screen. A week with thousands of intervals becomes a few hundred spans,
 * drawn as one SVG path per lane and kind.
 */
export function pixelSpans(
  intervals: readonly Interval[],
  viewStart: number,
  viewEnd: number,
  pxPerMs: number,
  minWidth = 1,
): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const spans: [number, number][] = [];
  for (const [start, end] of sorted) {
    if (end <= viewStart || start >= viewEnd) continue;
    const x0 = (Math.max(start, viewStart) - viewStart) * pxPerMs;
    const x1 = Math.max(x0 + minWidth, (Math.min(end, viewEnd) - viewStart) * pxPerMs);
    const last = spans[spans.length - 1];
    if (last && x0 - last[1] < 0.5) last[1] = Math.max(last[1], x1);
    else spans.push([x0, x1]);
  }
  return spans;
}

/** One path of rectangles, each from y to y+height. */
export function spansPath(spans: readonly [number, number][], y: number, height: number): string {
  let d = '';
  for (const [x0, x1] of spans) {
    d += `M${x0.toFixed(1)} ${y}h${(x1 - x0).toFixed(1)}v${height}h${(x0 - x1).toFixed(1)}z`;
  }
  return d;
}

/** The interval containing `t` (intervals sorted by start), or null; `slack` widens the hit area. */
export function intervalAt(intervals: readonly Interval[], t: number, slack = 0): Interval | null {
  let lo = 0;
  let hi = intervals.length - 1;
  let candidate = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]![0] - slack <= t) {
      candidate = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = candidate; i >= 0 && i >= candidate - 2; i--) {
    const interval = intervals[i]!;
    if (interval[0] - slack <= t && t <= interval[1] + slack) return interval;
  }
  return null;
}

/** The instant nearest to `t` that lies in any of the intervals (t itself when inside one), or null. */
export function nearestActivity(intervalLists: readonly (readonly Interval[])[], t: number): number | null {
  let best: number | null = null;
  for (const intervals of intervalLists) {
    for (const [start, end] of intervals) {
      const candidate = Math.min(Math.max(t, start), end);
      if (best === null || Math.abs(candidate - t) < Math.abs(best - t)) best = candidate;
    }
  }
  return best;
}

/**
 * Direct and delegated time within each day, summed over the lanes' intervals as the
 * allocation gave them (clipped to the day): the week view's per-day totals.
 */
export function dayTotals(
  lanes: readonly { direct: readonly Interval[]; delegated: readonly Interval[] }[],
  days: readonly { start: number; end: number }[],
): { directMs: number; delegatedMs: number }[] {
  const within = (intervals: readonly Interval[], day: { start: number; end: number }) => {
    let total = 0;
    for (const [start, end] of intervals)
      total += Math.max(0, Math.min(end, day.end) - Math.max(start, day.start));
    return total;
  };
  return days.map((day) => {
    let directMs = 0;
    let delegatedMs = 0;
    for (const lane of lanes) {
      directMs += within(lane.direct, day);
      delegatedMs += within(lane.delegated, day);
    }
    return { directMs, delegatedMs };
  });
}
