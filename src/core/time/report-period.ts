// Which period a report covers, from the flags a person gives, in the local time zone:
// days start at local midnight and weeks on Monday, so a week with a daylight-saving change
// is 167 or 169 hours long, as the wall clock says.

import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfWeek } from 'date-fns/startOfWeek';
import { parseTimeInput, TIME_INPUT_HELP } from '../typed-time';

export interface ReportPeriodFlags {
  /** true for today, or a date (any time input) meaning the day that contains it */
  day?: string | boolean;
  /** true for this week, or a date meaning the week that contains it */
  week?: string | boolean;
  lastWeek?: boolean;
  /** the start and end of a range, with the spelling typed (for messages) */
  since?: { flag: string; value: string };
  until?: { flag: string; value: string };
}

export interface ReportPeriod {
  start: number;
  end: number;
  kind: 'day' | 'week' | 'range';
}

export type ReportPeriodResult = { ok: true; period: ReportPeriod } | { ok: false; error: string };

const MONDAY = 1;

function parse(text: string, flag: string, nowMs: number): number | string {
  const ms = parseTimeInput(text, nowMs);
  return ms ?? `${flag} "${text}" is not a time: use ${TIME_INPUT_HELP}`;
}

/** A range given only its start, in the future: it would end (now) before it starts. */
export function futureStartError(since: { flag: string; value: string }): string {
  return `${since.flag} ${since.value} is in the future and the range ends now: give --until after it, or an earlier ${since.flag}`;
}

export function resolveReportPeriod(flags: ReportPeriodFlags, nowMs: number): ReportPeriodResult {
  const chosen = [
    flags.day !== undefined && flags.day !== false && '--day',
    flags.week !== undefined && flags.week !== false && '--week',
    flags.lastWeek && '--last-week',
    (flags.since !== undefined || flags.until !== undefined) &&
      [flags.since?.flag, flags.until?.flag].filter(Boolean).join('/'),
  ].filter(Boolean);
  if (chosen.length > 1) return { ok: false, error: `choose one of ${chosen.join(', ')}` };

  const anchor = (value: string | boolean | undefined, flag: string): number | string =>
    typeof value === 'string' ? parse(value, flag, nowMs) : nowMs;

  if (flags.day !== undefined && flags.day !== false) {
    const at = anchor(flags.day, '--day');
    if (typeof at === 'string') return { ok: false, error: at };
    const start = startOfDay(at).getTime();
    return { ok: true, period: { start, end: addDays(start, 1).getTime(), kind: 'day' } };
  }
  if (flags.since !== undefined || flags.until !== undefined) {
    const { since, until } = flags;
    if (since === undefined) return { ok: false, error: `${until!.flag} needs --since` };
    const start = parse(since.value, since.flag, nowMs);
    if (typeof start === 'string') return { ok: false, error: start };
    if (until === undefined && start >= nowMs) {
      // Without --until the range ends now: a start in the future leaves nothing to report.
      return { ok: false, error: futureStartError(since) };
    }
    const end = until === undefined ? nowMs : parse(until.value, until.flag, nowMs);
    if (typeof end === 'string') return { ok: false, error: end };
    if (end <= start) return { ok: false, error: `${until!.flag} must be after ${since.flag}` };
    return { ok: true, period: { start, end, kind: 'range' } };
  }
  const at = flags.lastWeek ? addWeeks(nowMs, -1).getTime() : anchor(flags.week, '--week');
  if (typeof at === 'string') return { ok: false, error: at };
  const start = startOfWeek(at, { weekStartsOn: MONDAY }).getTime();
  return { ok: true, period: { start, end: addWeeks(start, 1).getTime(), kind: 'week' } };
}
