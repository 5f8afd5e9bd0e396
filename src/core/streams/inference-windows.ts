// Cutting a range into inference windows, the slices of time LLM inference looks at, one call each: 24 hours,
// each overlapping the previous one by 4 hours so that work crossing a boundary is seen
// whole by at least one call and the previous window's streams carry forward.

import type { TimeWindow } from './stream-model';

export const WINDOW_MS = 24 * 3600_000;
export const WINDOW_OVERLAP_MS = 4 * 3600_000;

/** Windows covering [start, end): the first starts at `start`, the last ends at `end`. */
export function cutInferenceWindows(
  start: number,
  end: number,
  size: number = WINDOW_MS,
  overlap: number = WINDOW_OVERLAP_MS,
): TimeWindow[] {
  if (!(end > start)) return [];
  if (!(size > overlap && overlap >= 0)) throw new RangeError('a window must be longer than its overlap');
  const step = size - overlap;
  const windows: TimeWindow[] = [];
  for (let windowStart = start; ; windowStart += step) {
    const windowEnd = Math.min(windowStart + size, end);
    windows.push({ start: windowStart, end: windowEnd });
    if (windowEnd >= end) return windows;
  }
}

/** The span of the window before `window` (for finding the streams it produced). */
export function previousWindowSpan(
  window: TimeWindow,
  size: number = WINDOW_MS,
  overlap: number = WINDOW_OVERLAP_MS,
): TimeWindow {
  const start = window.start - (size - overlap);
  return { start, end: start + size };
}
