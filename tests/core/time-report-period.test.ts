import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveReportPeriod, type ReportPeriodFlags } from '../../src/core/time/report-period';

// Local time is the point: pin a zone with daylight saving for this file, and put it back.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const HOUR = 3_600_000;
// Wednesday 25 November 2026, 10:30 in Berlin
const NOW = Date.parse('2026-11-25T09:30:00Z');

function period(flags: ReportPeriodFlags) {
  const result = resolveReportPeriod(flags, NOW);
  if (!result.ok) throw new Error(result.error);
  return {
    start: new Date(result.period.start).toISOString(),
    end: new Date(result.period.end).toISOString(),
    hours: (result.period.end - result.period.start) / HOUR,
    kind: result.period.kind,
  };
}

function error(flags: ReportPeriodFlags): string {
  const result = resolveReportPeriod(flags, NOW);
  return result.ok ? 'no error' : result.error;
}

describe('resolveReportPeriod', () => {
  it('defaults to this week, Monday 00:00 to Monday 00:00 local', () => {
    expect(period({})).toEqual({
      start: '2026-11-22T23:00:00.000Z',
      end: '2026-11-29T23:00:00.000Z',
      hours: 168,
      kind: 'week',
    });
    expect(period({ week: true })).toEqual(period({}));
  });

  it('gives last week, and the week containing a date', () => {
    expect(period({ lastWeek: true }).start).toBe('2026-11-15T23:00:00.000Z');
    expect(period({ lastWeek: true }).end).toBe('2026-11-22T23:00:00.000Z');
    // a Sunday belongs to the week that started the Monday before
    expect(period({ week: '2026-11-29' }).start).toBe('2026-11-22T23:00:00.000Z');
  });

  it('follows daylight saving: 169 hours in the week clocks go back, 23 on the day they go forward', () => {
    // clocks go back on Sunday 25 October: the week of 19–25 October has an extra hour
    expect(period({ week: '2026-10-25' })).toMatchObject({
      start: '2026-10-18T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
      hours: 169,
    });
    expect(period({ week: '2026-10-26' })).toMatchObject({ start: '2026-10-25T23:00:00.000Z', hours: 168 });
    expect(period({ day: '2026-10-25' }).hours).toBe(25);
    expect(period({ day: '2026-03-29' }).hours).toBe(23);
  });

  it('reads --day as today, a date, or a duration ago', () => {
    expect(period({ day: true })).toMatchObject({
      start: '2026-11-24T23:00:00.000Z',
      hours: 24,
      kind: 'day',
    });
    expect(period({ day: '1d' }).start).toBe('2026-11-23T23:00:00.000Z');
    expect(period({ day: '2026-11-01' }).start).toBe('2026-10-31T23:00:00.000Z');
  });

  const since = (value: string, flag = '--since') => ({ flag, value });
  const until = (value: string, flag = '--until') => ({ flag, value });

  it('takes --since and --until as given, --until defaulting to now', () => {
    expect(period({ since: since('2026-11-24T15:00'), until: until('2026-11-24T16:00') })).toMatchObject({
      start: '2026-11-24T14:00:00.000Z',
      end: '2026-11-24T15:00:00.000Z',
      kind: 'range',
    });
    expect(period({ since: since('2h') })).toMatchObject({ end: new Date(NOW).toISOString(), hours: 2 });
  });

  it('explains what is wrong, in the spelling typed', () => {
    expect(error({ day: true, week: true })).toBe('choose one of --day, --week');
    expect(error({ lastWeek: true, since: since('1d') })).toBe('choose one of --last-week, --since');
    expect(error({ until: until('1d') })).toBe('--until needs --since');
    expect(error({ since: since('1d'), until: until('2d') })).toBe('--until must be after --since');
    expect(error({ since: since('1d', '--from'), until: until('2d', '--to') })).toBe(
      '--to must be after --from',
    );
    expect(error({ day: 'tuesday' })).toMatch(/^--day "tuesday" is not a time: use /);
    expect(error({ week: '2026-13-45' })).toMatch(/^--week "2026-13-45" is not a time/);
  });
});
