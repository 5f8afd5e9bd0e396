import type { Interval, SessionMarker, TimelineLane } from '../../../shared/api';
import { pixelSpans, spansPath } from './timeline-geometry';
import type { Range } from './time';

export const LANE_HEIGHT = 44;
const DIRECT = { y: 8, h: 14 };
const DELEGATED = { y: 24, h: 10 };
const MARKER = { y: 36, h: 5 };

/** A lane as the timeline draws it: the service's lane with its colour, each list sorted by start. */
export interface PreparedLane {
  lane: TimelineLane;
  key: string;
  color: string;
  direct: Interval[];
  delegated: Interval[];
  waiting: Interval[];
  sessions: SessionMarker[];
}

export interface LanePaths {
  direct: string;
  delegated: string;
  waiting: string;
  /** direct time added by hand: drawn over the direct band, hatched */
  manual: string;
  markers: string;
}

/** One SVG path per kind of mark on a lane, at the scale on screen. */
export function lanePaths(lane: PreparedLane, range: Range, toX: (t: number) => number): LanePaths {
  const spans = (intervals: readonly Interval[], minWidth?: number) =>
    pixelSpans(intervals, range.start, range.end, toX, minWidth);
  return {
    direct: spansPath(spans(lane.direct), DIRECT.y, DIRECT.h),
    delegated: spansPath(spans(lane.delegated), DELEGATED.y, DELEGATED.h),
    // Waiting never overlaps the lane's delegated time: an outline in the same band.
    waiting: spansPath(spans(lane.waiting), DELEGATED.y + 0.5, DELEGATED.h - 1),
    manual: spansPath(spans(lane.lane.manual ?? []), DIRECT.y, DIRECT.h),
    markers: spansPath(
      spans(
        lane.sessions.map((s): Interval => [s.start, s.start]),
        2,
      ),
      MARKER.y,
      MARKER.h,
    ),
  };
}

/** Unassigned time, when there is any, is the first lane: it is what still needs a person. */
export function unassignedFirst(lanes: readonly TimelineLane[]): TimelineLane[] {
  const unassigned = lanes.filter(
    (lane) =>
      lane.streamId === null && (lane.directMs > 0 || lane.delegatedMs > 0 || lane.sessions.length > 0),
  );
  return [...unassigned, ...lanes.filter((lane) => !unassigned.includes(lane))];
}
