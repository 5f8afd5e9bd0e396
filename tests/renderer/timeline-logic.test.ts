import { describe, expect, it } from 'vitest';
import { laneNameParts } from '../../src/renderer/src/lib/lane-names';
import { streamColor } from '../../src/renderer/src/lib/color-scale';
import type { Interval, TimelineLane } from '../../src/shared/api';
import { byLikelihood, likeness } from '../../src/renderer/src/lib/picker-rank';
import { unassignedFirst } from '../../src/renderer/src/lib/timeline-lanes';
import { badgeLevel, byAttention, byReviewPriority } from '../../src/renderer/src/lib/confidence';
import {
  dayTotals,
  foldedScale,
  intervalAt,
  nearestActivity,
  pixelSpans,
  spansPath,
} from '../../src/renderer/src/lib/timeline-geometry';
import {
  axisTicks,
  dayKey,
  formatDuration,
  rangeFor,
  stepDay,
  zoomLevelsFor,
} from '../../src/renderer/src/lib/time';

describe('confidence badges', () => {
  it('are high from 0.8, medium from 0.5, low below, and reviewed once confirmed', () => {
    expect([0.8, 0.79, 0.5, 0.49, 0].map((c) => badgeLevel(c, false))).toEqual([
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
    expect(badgeLevel(0.1, true)).toBe('reviewed');
  });

  it('review order: unreviewed first, least confident first, then by attention', () => {
    const s = (name: string, confidence: number, reviewed = false, directMs = 0) => ({
      name,
      confidence,
      reviewed,
      directMs,
      delegatedMs: 0,
    });
    const streams = [
      s('done', 0.1, true),
      s('sure', 0.95),
      s('busy-unsure', 0.3, false, 5),
      s('unsure', 0.3),
      s('maybe', 0.6),
    ];
    expect([...streams].sort(byReviewPriority).map((x) => x.name)).toEqual([
      'busy-unsure',
      'unsure',
      'maybe',
      'sure',
      'done',
    ]);
    expect([...streams].sort(byAttention)[0]!.name).toBe('busy-unsure');
  });
});

describe('timeline geometry', () => {
  const MIN = 60_000;
  it('clips to the view and merges intervals that would touch on screen', () => {
    const intervals: Interval[] = [
      [30 * MIN, 40 * MIN],
      [-10 * MIN, 5 * MIN], // starts before the view
      [40 * MIN + 100, 50 * MIN], // 100 ms after the previous one: the same pixel
      [90 * MIN, 130 * MIN], // runs past the view
    ];
    const pxPerMs = 1 / MIN; // one pixel per minute
    expect(pixelSpans(intervals, 0, 120 * MIN, pxPerMs)).toEqual([
      [0, 5],
      [30, 50],
      [90, 120],
    ]);
  });

  it('keeps a very short interval visible, one pixel wide', () => {
    expect(pixelSpans([[1000, 1001]], 0, 3_600_000, 1000 / 3_600_000)).toEqual([
      [expect.closeTo(0.28, 2), expect.closeTo(1.28, 2)],
    ]);
  });

  it('draws all spans of a lane as one path', () => {
    expect(
      spansPath(
        [
          [0, 5],
          [10, 12.5],
        ],
        8,
        14,
      ),
    ).toBe('M0.0 8h5.0v14h-5.0zM10.0 8h2.5v14h-2.5z');
  });

  it('finds the interval under the pointer, with some slack at its edges', () => {
    const intervals: Interval[] = [
      [0, 10],
      [20, 30],
      [40, 50],
    ];
    expect(intervalAt(intervals, 25)).toEqual([20, 30]);
    expect(intervalAt(intervals, 35)).toBeNull();
    expect(intervalAt(intervals, 31, 2)).toEqual([20, 30]);
    expect(intervalAt([], 5)).toBeNull();
  });

  it('finds the activity nearest to a moment, across lanes (where a zoom on empty time goes)', () => {
    const lanes: Interval[][] = [
      [[10, 20]],
      [
        [50, 60],
        [100, 110],
      ],
    ];
    expect(nearestActivity(lanes, 15)).toBe(15);
    expect(nearestActivity(lanes, 30)).toBe(20);
    expect(nearestActivity(lanes, 40)).toBe(50);
    expect(nearestActivity(lanes, 500)).toBe(110);
    expect(nearestActivity([[], []], 5)).toBeNull();
  });
});

describe('ranges in local time', () => {
  it('a week runs Monday to Monday, whatever day it is opened on', () => {
    const range = rangeFor('week', '2026-02-15'); // a Sunday
    expect(new Date(range.start).getDay()).toBe(1);
    expect(new Date(range.start).getDate()).toBe(9);
    expect(new Date(range.end).getDate()).toBe(16);
    expect(stepDay('week', '2026-02-15', 1)).toBe('2026-02-22');
    expect(stepDay('day', '2026-03-01', -1)).toBe('2026-02-28');
  });

  it('zooms from the whole week down to one hour', () => {
    expect(zoomLevelsFor(rangeFor('week', '2026-02-12'))).toEqual([168, 72, 24, 12, 6, 3, 1]);
    expect(zoomLevelsFor(rangeFor('day', '2026-02-12'))).toEqual([24, 12, 6, 3, 1]);
  });

  it('labels the axis every hour when there is room, and marks midnights', () => {
    const day = rangeFor('day', '2026-02-12');
    const roomy = axisTicks(day, 100 / 3_600_000);
    expect(roomy).toHaveLength(24);
    expect(roomy[0]).toMatchObject({ major: true });
    const tight = axisTicks(day, 10 / 3_600_000);
    expect(tight.map((t) => new Date(t.at).getHours())).toEqual([0, 6, 12, 18]);
  });

  it('zoomed to an hour, the axis still has labels inside the hour', () => {
    const day = rangeFor('day', '2026-02-12');
    // One hour across 1100 px, as on a 1360 px window at the 1h zoom.
    const ticks = axisTicks(day, 1100 / 3_600_000);
    const inOneHour = ticks.filter(
      (t) => t.at >= day.start + 14 * 3_600_000 && t.at < day.start + 15 * 3_600_000,
    );
    expect(inOneHour.map((t) => t.label)).toEqual([
      '14:00',
      '14:05',
      '14:10',
      '14:15',
      '14:20',
      '14:25',
      '14:30',
      '14:35',
      '14:40',
      '14:45',
      '14:50',
      '14:55',
    ]);
    // Three hours across the same width: every ten minutes.
    const three = axisTicks(day, 1100 / (3 * 3_600_000)).filter(
      (t) => t.at >= day.start + 14 * 3_600_000 && t.at < day.start + 15 * 3_600_000,
    );
    expect(three.map((t) => t.label)).toEqual(['14:00', '14:10', '14:20', '14:30', '14:40', '14:50']);
  });

  it('durations read like a person writes them', () => {
    expect([0, 30_000, 60_000, 65 * 60_000, 125 * 60_000].map(formatDuration)).toEqual([
      '0m',
      '<1m',
      '1m',
      '1h 05m',
      '2h 05m',
    ]);
  });
});

describe('a chosen range of days', () => {
  it('covers its first to its last day, steps by its length, and zooms out to show all of it', () => {
    const range = rangeFor('range', '2026-02-10', '2026-02-12');
    expect([dayKey(range.start), dayKey(range.end - 1)]).toEqual(['2026-02-10', '2026-02-12']);
    expect(stepDay('range', '2026-02-10', -1, '2026-02-12')).toBe('2026-02-07');
    expect(zoomLevelsFor(range)[0]).toBe(72);
    expect(zoomLevelsFor(rangeFor('range', '2026-02-01', '2026-02-10'))[0]).toBe(240);
    // A last day before the first is read as a single day.
    const single = rangeFor('range', '2026-02-10', '2026-02-01');
    expect(single.end - single.start).toBe(24 * 3_600_000);
  });
});

describe('lanes at scale', () => {
  it('names sharing a long beginning are cut in the middle, others at the end', () => {
    const names = [
      'Write weekly status report for billing',
      'Write weekly status report for search',
      'A rather long stream name on its own',
      'short',
    ];
    const shown = laneNameParts(names);
    // The whole name is there (the browser cuts the head); twins keep their ends in sight.
    expect(shown.map((p) => p.head + p.tail)).toEqual(names);
    expect(shown[0]!.tail).toContain('billing');
    expect(shown[1]!.tail).toContain('search');
    expect(shown[2]).toEqual({ head: names[2], tail: '' });
    expect(shown[3]).toEqual({ head: 'short', tail: '' });
  });

  it('colours stay distinct at 100 streams', () => {
    const colours = Array.from({ length: 100 }, (_, i) => streamColor(i));
    expect(new Set(colours).size).toBe(100);
  });

  it('per-day totals add up the intervals within each day', () => {
    const H = 3_600_000;
    const days = [
      { start: 0, end: 24 * H },
      { start: 24 * H, end: 48 * H },
    ];
    const totals = dayTotals(
      [
        { direct: [[23 * H, 25 * H]], delegated: [[0, 2 * H]] },
        { direct: [[30 * H, 31 * H]], delegated: [[1 * H, 3 * H]] },
      ],
      days,
    );
    expect(totals).toEqual([
      { directMs: H, delegatedMs: 4 * H },
      { directMs: 2 * H, delegatedMs: 0 },
    ]);
  });
});

describe('a day with its idle stretches folded', () => {
  it('draws the work to scale and each idle stretch of 15 minutes or more as a narrow gap', () => {
    const M = 60_000;
    const day = { start: 0, end: 24 * 60 * M };
    const scale = foldedScale(
      day,
      [
        [600 * M, 660 * M],
        [670 * M, 700 * M],
        [900 * M, 960 * M],
      ],
      1000,
    );
    const folded = scale.segments.filter((s) => s.folded);
    // Before 10:00, 11:40–15:00 and after 16:00; the 10-minute pause at 11:00 stays.
    expect(folded.map((s) => [s.start / M, s.end / M])).toEqual([
      [0, 600],
      [700, 900],
      [960, 1440],
    ]);
    expect(scale.width).toBeCloseTo(1000);
    expect(scale.toX(600 * M)).toBeCloseTo(28);
    expect(scale.toTime(scale.toX(680 * M))).toBeCloseTo(680 * M);
    // Work takes the width: 160 minutes in 916 pixels.
    expect(scale.toX(700 * M) - scale.toX(600 * M)).toBeCloseTo((100 / 160) * (1000 - 3 * 28));
  });
});

describe('what comes first (issue 23)', () => {
  const lane = (streamId: string | null, directMs: number) =>
    ({
      streamId,
      name: streamId ?? 'Unassigned',
      confidence: 1,
      source: null,
      reviewed: false,
      directMs,
      delegatedMs: 0,
      waitingMs: 0,
      direct: [],
      delegated: [],
      waiting: [],
      manual: [],
      sessions: [],
    }) as TimelineLane;

  it('puts the Unassigned lane first when it holds time, and leaves an empty one where it was', () => {
    const lanes = [lane('a', 60_000), lane(null, 30_000), lane('b', 10_000)];
    expect(unassignedFirst(lanes).map((l) => l.streamId)).toEqual([null, 'a', 'b']);
    const empty = [lane('a', 60_000), lane(null, 0)];
    expect(unassignedFirst(empty).map((l) => l.streamId)).toEqual(['a', null]);
  });

  it('ranks picker targets: same project and branch, then same project, each most recent first, then the rest', () => {
    const near = new Set(['spotter', 'spotter@dov']);
    const targets = [
      { label: 'other, newest', places: ['ledger'], lastActivity: 50 },
      { label: 'same project, older', places: ['spotter', 'spotter@main'], lastActivity: 10 },
      { label: 'same branch, old', places: ['spotter', 'spotter@dov'], lastActivity: 5 },
      { label: 'same branch, new', places: ['spotter', 'spotter@dov'], lastActivity: 20 },
      { label: 'same project, newer', places: ['spotter'], lastActivity: 30 },
    ].map((t) => ({ ...t, likeness: likeness(t.places, near) }));
    expect(targets.sort(byLikelihood).map((t) => t.label)).toEqual([
      'same branch, new',
      'same branch, old',
      'same project, newer',
      'same project, older',
      'other, newest',
    ]);
  });
});

describe('the axis of a long range', () => {
  const label = (ticks: { label: string }[]) => ticks.map((t) => t.label);

  it('labels weeks (Mondays) when a day is too narrow for a label, never closer than a label needs', () => {
    const range = { start: new Date(2026, 0, 5).getTime(), end: new Date(2026, 3, 6).getTime() }; // 91 days
    const pxPerMs = 1200 / (range.end - range.start);
    const ticks = axisTicks(range, pxPerMs);
    expect(ticks.every((t) => new Date(t.at).getDay() === 1)).toBe(true);
    expect(label(ticks).slice(0, 3)).toEqual(['5 Jan', '12 Jan', '19 Jan']);
    const gaps = ticks.slice(1).map((t, i) => (t.at - ticks[i]!.at) * pxPerMs);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(56);
  });

  it('labels months when even a week is too narrow, with the year on January', () => {
    const range = { start: new Date(2025, 6, 1).getTime(), end: new Date(2026, 6, 1).getTime() };
    const ticks = axisTicks(range, 800 / (range.end - range.start));
    expect(label(ticks)).toEqual([
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
      'Jan 2026',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
    ]);
  });
});
