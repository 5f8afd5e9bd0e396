// Cutting a range into local days, weeks (Monday to Sunday) and months, and measuring an
// allocation's intervals in each piece. Every figure cut this way comes from one allocation of
// the whole range, so the pieces add up to the range's totals exactly.

import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { Interval } from './intervals';

export type CalendarUnit = 'day' | 'week' | 'month';

const MONDAY = 1;
const DAY_MS = 24 * 60 * 60 * 1000;

function startOfUnit(ms: number, unit: CalendarUnit): number {
  if (unit === 'day') return startOfDay(ms).getTime();
  if (unit === 'week') return startOfWeek(ms, { weekStartsOn: MONDAY }).getTime();
  return startOfMonth(ms).getTime();
}

function nextUnit(ms: number, unit: CalendarUnit): number {
  if (unit === 'day') return addDays(ms, 1).getTime();
  if (unit === 'week') return addWeeks(ms, 1).getTime();
  return addMonths(ms, 1).getTime();
}

/**
 * The boundaries of [start, end) cut at local day, week or month starts: [start, b1, …, end].
 * Piece i is [bounds[i], bounds[i + 1]); the first and last may be partial.
 */
export function calendarBounds(start: number, end: number, unit: CalendarUnit): number[] {
  const bounds = [start];
  for (let at = nextUnit(startOfUnit(start, unit), unit); at < end; at = nextUnit(at, unit)) bounds.push(at);
  bounds.push(end);
  return bounds;
}

/** The unit that gives a chart of the range enough bars without crowding: days up to two weeks, weeks up to half a year, else months. */
export function bucketUnit(start: number, end: number): CalendarUnit {
  const days = (end - start) / DAY_MS;
  if (days <= 14) return 'day';
  if (days <= 183) return 'week';
  return 'month';
}

/** The local date of a time, YYYY-MM-DD. */
export function localDate(ms: number): string {
  return format(ms, 'yyyy-MM-dd');
}

/** Per piece of `bounds`, the measure of sorted, disjoint `intervals` inside it. */
export function measureBySlice(intervals: readonly Interval[], bounds: readonly number[]): number[] {
  const sums = new Array<number>(Math.max(0, bounds.length - 1)).fill(0);
  let piece = 0;
  for (const [start, end] of intervals) {
    while (piece < sums.length && bounds[piece + 1]! <= start) piece++;
    for (let k = piece; k < sums.length && bounds[k]! < end; k++) {
      const from = Math.max(start, bounds[k]!);
      const to = Math.min(end, bounds[k + 1]!);
      if (to > from) sums[k]! += to - from;
    }
  }
  return sums;
}
