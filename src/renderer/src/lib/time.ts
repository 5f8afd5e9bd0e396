import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { startOfWeek } from 'date-fns/startOfWeek';
import { formatDaySpan } from '../../../shared/wording';

/** A day, the week around it, or a range of days a person chose (from `day` to `until`). */
export type View = 'day' | 'week' | 'range';

export interface Range {
  start: number;
  end: number;
}

const HOUR = 3_600_000;

/** "2026-02-12" for the local day containing `ms`. */
export function dayKey(ms: number): string {
  return format(ms, 'yyyy-MM-dd');
}

/** Local midnight of a "yyyy-MM-dd" key (invalid keys fall back to today). */
export function parseDayKey(key: string, now = Date.now()): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return startOfLocalDay(now);
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? startOfLocalDay(now) : date;
}

function startOfLocalDay(ms: number): Date {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d;
}

/**
 * The range a view shows: the local day, the local week starting on Monday, or the days from
 * `day` to `until` (inclusive; one day when `until` is missing or before `day`).
 */
export function rangeFor(view: View, day: string, until?: string | null): Range {
  const date = parseDayKey(day);
  if (view === 'day') return { start: date.getTime(), end: addDays(date, 1).getTime() };
  if (view === 'range') {
    const last = until ? parseDayKey(until) : date;
    return { start: date.getTime(), end: addDays(last < date ? date : last, 1).getTime() };
  }
  const monday = startOfWeek(date, { weekStartsOn: 1 });
  return { start: monday.getTime(), end: addDays(monday, 7).getTime() };
}

/** How many days a view shows (a chosen range: its own length). */
export function daysIn(view: View, day: string, until?: string | null): number {
  if (view !== 'range') return view === 'day' ? 1 : 7;
  const range = rangeFor(view, day, until);
  return Math.max(1, Math.round((range.end - range.start) / (24 * HOUR)));
}

/** The day key one view-length before or after. */
export function stepDay(view: View, day: string, direction: -1 | 1, until?: string | null): string {
  return dayKey(addDays(parseDayKey(day), direction * daysIn(view, day, until)).getTime());
}

export function rangeTitle(view: View, range: Range): string {
  if (view === 'day') return format(range.start, 'EEEE d MMMM yyyy');
  if (view === 'range') return formatDaySpan(range.start, range.end - 1);
  const last = range.end - 1;
  const sameMonth = format(range.start, 'MMM yyyy') === format(last, 'MMM yyyy');
  return sameMonth
    ? `${format(range.start, 'd')}–${format(last, 'd MMMM yyyy')}`
    : `${format(range.start, 'd MMM')} – ${format(last, 'd MMM yyyy')}`;
}

export { formatDuration } from '../../../shared/wording';

export { formatDaySpan };

export function formatClock(ms: number): string {
  return format(ms, 'HH:mm');
}

export function formatDateTime(ms: number): string {
  return format(ms, 'd MMM HH:mm');
}

/** "Thu 14:11–14:16": a block on the timeline (the axis already says which week). */
export function formatBlock(start: number, end: number): string {
  const endText = dayKey(start) === dayKey(end) ? formatClock(end) : format(end, 'EEE HH:mm');
  return `${format(start, 'EEE HH:mm')}–${endText}`;
}

export function formatSpan(start: number, end: number | null, sameDayAs?: number): string {
  const startText =
    sameDayAs !== undefined && dayKey(start) === dayKey(sameDayAs)
      ? formatClock(start)
      : formatDateTime(start);
  if (end === null) return `${startText} – still running`;
  const endText = dayKey(start) === dayKey(end) ? formatClock(end) : formatDateTime(end);
  return `${startText}–${endText}`;
}

/** Zoom levels: how many hours fit in the visible width, from a week down to one hour. */
export const ZOOM_LEVELS_HOURS = [168, 72, 24, 12, 6, 3, 1];

export function zoomLevelsFor(range: Range): number[] {
  const hours = Math.round((range.end - range.start) / HOUR);
  const levels = ZOOM_LEVELS_HOURS.filter((h) => h <= hours);
  // The whole range is always the first level (a chosen range of 10 days, a 23-hour day).
  return levels[0] === hours ? levels : [hours, ...levels];
}

export function clampZoom(hoursVisible: number, range: Range): number {
  const levels = zoomLevelsFor(range);
  return levels.includes(hoursVisible) ? hoursVisible : (levels[0] ?? 24);
}

/** The room an axis label needs, in pixels, before the next one. */
const MIN_LABEL_PX = 56;

/** Week (Monday) or month (1st) ticks for ranges too long to label every day. */
function coarseTicks(range: Range, pxPerMs: number): { at: number; label: string; major: boolean }[] {
  const weekly = 7 * 1440 * 60_000 * pxPerMs >= MIN_LABEL_PX;
  const cursor = weekly ? startOfWeek(range.start, { weekStartsOn: 1 }) : new Date(range.start);
  if (!weekly) cursor.setDate(1);
  cursor.setHours(0, 0, 0, 0);
  const ticks: { at: number; label: string; major: boolean }[] = [];
  let lastLabelAt = -Infinity;
  while (cursor.getTime() < range.end) {
    const at = cursor.getTime();
    if (at >= range.start && (at - lastLabelAt) * pxPerMs >= MIN_LABEL_PX) {
      const label = weekly ? format(at, 'd MMM') : format(at, cursor.getMonth() === 0 ? 'MMM yyyy' : 'MMM');
      ticks.push({ at, label, major: false });
      lastLabelAt = at;
    }
    if (weekly) cursor.setDate(cursor.getDate() + 7);
    else cursor.setMonth(cursor.getMonth() + 1);
  }
  return ticks;
}

/**
 * Axis ticks in local time, as close together as the labels allow: every 5, 10, 15 or 30
 * minutes when zoomed to an hour or so, else every 1, 3, 6, 12 or 24 hours.
 */
export function axisTicks(range: Range, pxPerMs: number): { at: number; label: string; major: boolean }[] {
  const pxPerMinute = pxPerMs * 60_000;
  // A long range at its whole width: a label a day would overlap, so a label a week (Mondays),
  // else a month (each 1st), each only where the one before it leaves room.
  if (1440 * pxPerMinute < MIN_LABEL_PX) return coarseTicks(range, pxPerMs);
  const step = [5, 10, 15, 30, 60, 180, 360, 720, 1440].find((m) => m * pxPerMinute >= MIN_LABEL_PX) ?? 1440;
  const ticks: { at: number; label: string; major: boolean }[] = [];
  const cursor = new Date(range.start);
  cursor.setMinutes(0, 0, 0);
  const increment = Math.min(step, 60);
  while (cursor.getTime() < range.end) {
    const at = cursor.getTime();
    const minuteOfDay = cursor.getHours() * 60 + cursor.getMinutes();
    if (at >= range.start && minuteOfDay % step === 0) {
      const major = minuteOfDay === 0;
      const label = major ? format(at, 'EEE d') : format(at, 'HH:mm');
      ticks.push({ at, label, major });
    }
    cursor.setMinutes(cursor.getMinutes() + increment);
  }
  return ticks;
}

/** The year that ends with the range on screen, Monday-aligned, as whole local days. */
export function yearBefore(range: Range): Range {
  const last = parseDayKey(dayKey(range.end - 1));
  const start = startOfWeek(addDays(last, -364), { weekStartsOn: 1 }).getTime();
  return { start, end: addDays(last, 1).getTime() };
}
