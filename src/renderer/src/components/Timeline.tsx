import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Interval, TimelineData } from '../../../shared/api';
import { addDays } from 'date-fns/addDays';
import { axisTicks, type Range } from '../lib/time';
import { dayTotals, foldedScale, linearScale, nearestActivity } from '../lib/timeline-geometry';
import { unassignedFirst, type PreparedLane } from '../lib/timeline-lanes';
import { createHoverStore } from '../lib/hover-store';
import { laneNameParts } from '../lib/lane-names';
import { useStreamColors } from '../lib/stream-colors';
import { useUi } from '../state/ui-store';
import { useNow } from '../lib/use-now';
import { TimelineAxis, axisHeight, dayHeadLayout } from './TimelineAxis';
import { TimelineLanes } from './TimelineLanes';
import { TimelineLegend } from './TimelineLegend';
import { TimelineTooltip } from './TimelineTooltip';

/** Lane labels: room for a name Claude gives ("Probably the search work") when the window allows. */
const labelWidthFor = (windowWidth: number): number =>
  windowWidth >= 1100 ? 260 : windowWidth >= 850 ? 230 : 190;
/** The lanes box's inner width when last measured: a timeline drawn again starts from it. */
let lastWidth: number | null = null;
/** Before any measurement: the page's width less the content's padding and the box's border (styles.css). */
const boxWidthGuess = () => document.documentElement.clientWidth - 2 * 16 - 2;
function widths(): { labels: number; track: number } {
  const box = lastWidth ?? boxWidthGuess();
  const labels = labelWidthFor(box);
  return { labels, track: Math.max(200, box - labels - 2) };
}
/** Lanes beyond the first this many (by attention) fold into "+ N more streams". */
export const LANES_SHOWN_FOLDED = 12;
/** Per-day heads (totals, a way into the day) when a view shows at most this many days. */
const MAX_DAY_HEADS = 31;
/**
 * How wide a day must be for a head: at least its name ("Wed 28"); its totals go inline, stacked
 * or into the tooltip as room allows (dayHeadLayout). Narrower, heads would overlap.
 */
const MIN_DAY_HEAD_PX = 56;
const DAY_MS = 24 * 3_600_000;

const byStart = (intervals: readonly Interval[]) => [...intervals].sort((a, b) => a[0] - b[0]);

/**
 * One lane per stream, in the order the service gave (attention). Direct time is solid,
 * delegated time lighter beneath it, session starts are small marks. The intervals are the
 * allocation's, drawn as they come: the renderer never recomputes time.
 */
export function Timeline({ data, range }: { data: TimelineData; range: Range }) {
  const hoursVisible = useUi((s) => s.hoursVisible);
  const selected = useUi((s) => s.selectedStreamId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const colorOf = useStreamColors();
  // Measured once drawn; until then as wide as last time, or as the window allows, so that a
  // first draw at the right width is not thrown away and drawn again (every lane's paths).
  const [trackWidth, setTrackWidth] = useState(() => widths().track);
  const [labelWidth, setLabelWidth] = useState(() => widths().labels);
  const [hover] = useState(createHoverStore);
  const [unfolded, setUnfolded] = useState(false);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => {
      lastWidth = element.clientWidth;
      const { labels, track } = widths();
      setLabelWidth(labels);
      setTrackWidth(track);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rangeHours = (range.end - range.start) / 3_600_000;
  const contentWidth = Math.round(trackWidth * Math.max(1, rangeHours / hoursVisible));

  const allLanes = useMemo<PreparedLane[]>(
    () =>
      unassignedFirst(data.lanes).map((lane) => ({
        lane,
        key: lane.streamId ?? 'unassigned',
        color: colorOf(lane.streamId),
        direct: byStart(lane.direct),
        delegated: byStart(lane.delegated),
        waiting: byStart(lane.waiting),
        sessions: [...lane.sessions].sort((a, b) => a.start - b.start),
      })),
    [data, colorOf],
  );
  // Day view folds idle stretches of 15 minutes or more into narrow marked gaps (a toggle unfolds them).
  const view = useUi((s) => s.view);
  const [showIdle, setShowIdle] = useState(false);
  const foldIdle = view === 'day' && !showIdle;
  const scale = useMemo(() => {
    if (!foldIdle) return linearScale(range, contentWidth);
    const activity: Interval[] = [];
    for (const l of allLanes) {
      for (const interval of l.direct) activity.push(interval);
      for (const interval of l.delegated) activity.push(interval);
      // A session's start is a mark to keep; its whole span would hide the idle hours inside it.
      for (const session of l.sessions) activity.push([session.start, session.start]);
    }
    return foldedScale(range, activity, contentWidth);
  }, [foldIdle, range, contentWidth, allLanes]);
  const pxPerMs = scale.pxPerMs;
  const foldedGaps = useMemo(() => scale.segments.filter((segment) => segment.folded), [scale]);
  // Beyond the first few lanes, the rest wait behind one control (the selected stream stays out).
  const folds = allLanes.length > LANES_SHOWN_FOLDED + 1;
  const lanes = useMemo(
    () =>
      !folds || unfolded
        ? allLanes
        : allLanes.filter(
            (l, i) => i < LANES_SHOWN_FOLDED || (selected !== null && l.lane.streamId === selected),
          ),
    [allLanes, folds, unfolded, selected],
  );
  const hiddenLanes = allLanes.length - lanes.length;
  const names = useMemo(() => laneNameParts(lanes.map((l) => l.lane.name)), [lanes]);

  // The first moment with activity: where a zoomed-in view starts out.
  const firstActivity = useMemo(() => {
    let first = Infinity;
    for (const l of lanes)
      first = Math.min(first, l.direct[0]?.[0] ?? Infinity, l.delegated[0]?.[0] ?? Infinity);
    return Number.isFinite(first) ? Math.max(first, range.start) : null;
  }, [lanes, range.start]);

  // Zooming keeps the moment at the centre of the view where it was; a new range, or zooming
  // in from the whole range, starts just before the first activity.
  const previous = useRef<{ pxPerMs: number; start: number } | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const before = previous.current;
    previous.current = { pxPerMs, start: range.start };
    if (!element || (before && before.start === range.start && before.pxPerMs === pxPerMs)) return;
    const wasWhole =
      !before || before.start !== range.start || before.pxPerMs * (range.end - range.start) <= trackWidth + 1;
    if (wasWhole) {
      const left = firstActivity === null ? 0 : scale.toX(firstActivity) - trackWidth * 0.1;
      // Only when it moves: scrolling to where it is still costs a layout.
      if (Math.round(Math.max(0, left)) !== element.scrollLeft)
        element.scrollTo({ left: Math.max(0, left), behavior: 'instant' });
      return;
    }
    let centre = range.start + (element.scrollLeft + trackWidth / 2) / before.pxPerMs;
    // Zooming in on empty time would show nothing: centre on the nearest activity instead.
    const nearest = nearestActivity(
      lanes.flatMap((l) => [l.direct, l.delegated]),
      centre,
    );
    if (nearest !== null && Math.abs(nearest - centre) > trackWidth / pxPerMs / 2) centre = nearest;
    element.scrollTo({
      left: Math.max(0, scale.toX(centre) - trackWidth / 2),
      behavior: 'instant',
    });
  }, [pxPerMs, scale, range.start, range.end, trackWidth, firstActivity, lanes]);

  const ticks = useMemo(
    () =>
      axisTicks(range, pxPerMs).filter(
        (tick) => !scale.segments.some((g) => g.folded && tick.at > g.start && tick.at < g.end),
      ),
    [range, pxPerMs, scale],
  );
  const days = useMemo(() => {
    const list: Range[] = [];
    for (
      let d = new Date(range.start);
      d.getTime() < range.end && list.length <= MAX_DAY_HEADS;
      d = addDays(d, 1)
    )
      list.push({ start: d.getTime(), end: Math.min(range.end, addDays(d, 1).getTime()) });
    // A head holds a day's name and totals: narrower, heads would overlap, so none (the axis
    // labels weeks or months instead).
    const roomy = DAY_MS * pxPerMs >= MIN_DAY_HEAD_PX;
    return roomy && list.length > 1 && list.length <= MAX_DAY_HEADS ? list : [];
  }, [range, pxPerMs]);
  const totalsByDay = useMemo(() => dayTotals(allLanes, days), [allLanes, days]);
  const headLayout = useMemo(() => dayHeadLayout(days, totalsByDay, pxPerMs), [days, totalsByDay, pxPerMs]);
  const now = useNow();
  const nowX = now > range.start && now < range.end ? scale.toX(now) : null;
  const zoomedIn = contentWidth > trackWidth + 1;

  return (
    <section className="timeline" aria-label="Timeline">
      <div
        className="timeline-scroll"
        ref={scrollRef}
        data-testid="timeline-scroll"
        // Zoomed in, the keyboard scrolls it too: focusable, and the arrow keys scroll instead of changing day.
        tabIndex={zoomedIn ? 0 : undefined}
        role={zoomedIn ? 'region' : undefined}
        aria-label={zoomedIn ? 'Timeline, zoomed in: arrow keys scroll' : undefined}
        data-scrolls-sideways={zoomedIn || undefined}
      >
        <div className="timeline-grid" style={{ gridTemplateColumns: `${labelWidth}px ${contentWidth}px` }}>
          <div className="timeline-corner" />
          <TimelineAxis
            range={range}
            scale={scale}
            width={contentWidth}
            ticks={ticks}
            days={days}
            totalsByDay={totalsByDay}
            layout={headLayout}
          />
          <TimelineLanes
            lanes={lanes}
            names={names}
            range={range}
            scale={scale}
            contentWidth={contentWidth}
            axisHeight={axisHeight(headLayout)}
            ticks={ticks}
            foldedGaps={foldedGaps}
            nowX={nowX}
            scrollRef={scrollRef}
            hover={hover}
          />
        </div>
        {folds && (
          <button
            type="button"
            className="more-lanes"
            style={{ width: labelWidth }}
            aria-expanded={unfolded}
            onClick={() => setUnfolded(!unfolded)}
            data-testid="more-lanes"
          >
            {unfolded ? `Show the first ${LANES_SHOWN_FOLDED} streams only` : `+ ${hiddenLanes} more streams`}
          </button>
        )}
      </div>
      <TimelineTooltip store={hover} />
      <TimelineLegend
        foldIdle={view === 'day' ? foldIdle : null}
        onToggleIdle={() => setShowIdle(!showIdle)}
      />
    </section>
  );
}
