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
  scale: number | ((t: number) => number),
  minWidth = 1,
): [number, number][] {
  const toX = typeof scale === 'number' ? (t: number) => (t - viewStart) * scale : scale;
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const spans: [number, number][] = [];
  for (const [start, end] of sorted) {
    if (end <= viewStart || start >= viewEnd) continue;
    const x0 = toX(Math.max(start, viewStart));
    const x1 = Math.max(x0 + minWidth, toX(Math.min(end, viewEnd)));
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

/** One stretch of the time axis: drawn to scale, or an idle gap folded to a narrow mark. */
export interface ScaleSegment {
  start: number;
  end: number;
  x0: number;
  x1: number;
  folded: boolean;
}

/** Time to pixels and back: linear, or with idle gaps folded (see foldedScale). */
export interface TimeScale {
  /** pixels per millisecond where time is drawn to scale */
  pxPerMs: number;
  width: number;
  segments: ScaleSegment[];
  toX(t: number): number;
  toTime(x: number): number;
}

export function linearScale(range: { start: number; end: number }, width: number): TimeScale {
  const pxPerMs = width / (range.end - range.start);
  return {
    pxPerMs,
    width,
    segments: [{ start: range.start, end: range.end, x0: 0, x1: width, folded: false }],
    toX: (t) => (t - range.start) * pxPerMs,
    toTime: (x) => range.start + x / pxPerMs,
  };
}

/**
 * A day with its idle stretches (no interval of any lane for `minGapMs` or more) folded to
 * `gapPx` each, so the hours with work get the width: idle hours took 60 % of a day view.
 */
export function foldedScale(
  range: { start: number; end: number },
  activity: readonly Interval[],
  width: number,
  minGapMs = 15 * 60_000,
  gapPx = 28,
): TimeScale {
  const sorted = activity
    .filter(([a, b]) => b > range.start && a < range.end)
    .map(([a, b]): Interval => [Math.max(a, range.start), Math.min(b, range.end)])
    .sort((x, y) => x[0] - y[0]);
  const gaps: Interval[] = [];
  let cursor = range.start;
  for (const [a, b] of sorted) {
    if (a - cursor >= minGapMs) gaps.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  if (range.end - cursor >= minGapMs) gaps.push([cursor, range.end]);
  const folded = gaps.reduce((n, [a, b]) => n + (b - a), 0);
  const shown = range.end - range.start - folded;
  if (gaps.length === 0 || shown <= 0) return linearScale(range, width);
  const pxPerMs = Math.max(0, width - gapPx * gaps.length) / shown;
  const segments: ScaleSegment[] = [];
  let x = 0;
  let t = range.start;
  for (const [a, b] of [...gaps, [range.end, range.end] as Interval]) {
    if (a > t) {
      segments.push({ start: t, end: a, x0: x, x1: x + (a - t) * pxPerMs, folded: false });
      x += (a - t) * pxPerMs;
    }
    if (b > a) {
      segments.push({ start: a, end: b, x0: x, x1: x + gapPx, folded: true });
      x += gapPx;
    }
    t = b;
  }
  const find = <K extends 'start' | 'x0'>(key: K, end: K extends 'start' ? 'end' : 'x1', value: number) =>
    segments.find((s) => value >= s[key] && value <= s[end]) ?? (value < 0 ? segments[0]! : segments.at(-1)!);
  return {
    pxPerMs,
    width: x,
    segments,
    toX: (time) => {
      const s = find('start', 'end', time);
      return (
        s.x0 + ((Math.min(Math.max(time, s.start), s.end) - s.start) / (s.end - s.start || 1)) * (s.x1 - s.x0)
      );
    },
    toTime: (px) => {
      const s = find('x0', 'x1', px);
      return s.start + ((Math.min(Math.max(px, s.x0), s.x1) - s.x0) / (s.x1 - s.x0 || 1)) * (s.end - s.start);
    },
  };
}
