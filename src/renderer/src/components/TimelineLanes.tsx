import { useCallback, useState, type FocusEvent, type MouseEvent, type RefObject } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range as ItemRange } from '@tanstack/react-virtual';
import type { SessionMarker } from '../../../shared/api';
import { formatDuration, formatSpan, type Range } from '../lib/time';
import { intervalAt, type ScaleSegment, type TimeScale } from '../lib/timeline-geometry';
import { LANE_HEIGHT, type PreparedLane } from '../lib/timeline-lanes';
import type { HoverStore } from '../lib/hover-store';
import type { LaneNameParts } from '../lib/lane-names';
import { useUi } from '../state/ui-store';
import { TimelineLane } from './TimelineLane';

/** Lanes drawn above and below the lanes box, so a short scroll finds them already there. */
const OVERSCAN = 4;

/**
 * The lanes: sticky labels on the left, the marks on the right, windowed so that only the
 * lanes in the box (and a few either side) are drawn, however many streams the range has.
 * The box scrolls as if every lane were there. A lane with keyboard focus stays drawn.
 */
export function TimelineLanes(props: {
  lanes: PreparedLane[];
  names: LaneNameParts[];
  range: Range;
  scale: TimeScale;
  contentWidth: number;
  /** The sticky axis above the lanes, inside the same scrolling box. */
  axisHeight: number;
  ticks: { at: number; major: boolean }[];
  foldedGaps: ScaleSegment[];
  nowX: number | null;
  scrollRef: RefObject<HTMLDivElement | null>;
  hover: HoverStore;
}) {
  const { lanes, range, scale, contentWidth, hover } = props;
  const selected = useUi((s) => s.selectedStreamId);
  const select = useUi((s) => s.select);
  const selectedSession = useUi((s) => s.selectedSessionId);
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  const focusedIndex = focusedKey === null ? -1 : lanes.findIndex((l) => l.key === focusedKey);
  // Not memoised by the React Compiler (no compiler in this build): the virtualizer re-renders its owner itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lanes.length,
    getScrollElement: () => props.scrollRef.current,
    estimateSize: () => LANE_HEIGHT,
    getItemKey: (index) => lanes[index]!.key,
    overscan: OVERSCAN,
    scrollMargin: props.axisHeight,
    // Until the box is measured (in the same frame): about a window's worth of lanes.
    initialRect: { width: contentWidth, height: window.innerHeight },
    rangeExtractor: (range: ItemRange) => {
      const indexes = defaultRangeExtractor(range);
      if (focusedIndex < 0 || indexes.includes(focusedIndex)) return indexes;
      return focusedIndex < indexes[0]! ? [focusedIndex, ...indexes] : [...indexes, focusedIndex];
    },
  });
  const items = virtualizer.getVirtualItems();
  const height = Math.max(1, lanes.length) * LANE_HEIGHT;
  const topOf = (start: number) => start - props.axisHeight;

  // Keyboard focus shows what hovering shows, next to what has focus.
  const focusTooltip = useCallback(
    (event: FocusEvent<Element>, lane: PreparedLane, session: SessionMarker | null) => {
      setFocusedKey(lane.key);
      const box = event.currentTarget.getBoundingClientRect();
      const at = session ? session.start : null;
      hover.set({
        x: box.left,
        y: box.bottom - 12,
        lane,
        direct: at === null ? null : intervalAt(lane.direct, at, 60_000),
        delegated: at === null ? null : intervalAt(lane.delegated, at, 60_000),
        session,
      });
    },
    [hover],
  );
  const clearHover = useCallback(() => hover.set(null), [hover]);

  const laneAt = (event: MouseEvent<SVGSVGElement>) =>
    lanes[Math.floor((event.clientY - event.currentTarget.getBoundingClientRect().top) / LANE_HEIGHT)];
  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const lane = laneAt(event);
    if (!lane) return hover.set(null);
    const t = scale.toTime(event.clientX - event.currentTarget.getBoundingClientRect().left);
    const slack = 3 / scale.pxPerMs;
    const direct = intervalAt(lane.direct, t, slack);
    const delegated = intervalAt(lane.delegated, t, slack);
    const overlapping = lane.sessions.filter(
      (s) => s.start - slack <= t && t <= (s.end ?? range.end) + slack,
    );
    const session = overlapping.find((s) => !s.isSubagent) ?? overlapping[0] ?? null;
    if (!direct && !delegated && !session) return hover.set(null);
    hover.set({ x: event.clientX, y: event.clientY, lane, direct, delegated, session });
  };

  return (
    <>
      <ul className="lane-labels" aria-label="Streams on the timeline" style={{ height }}>
        {items.map((item) => {
          const prepared = lanes[item.index]!;
          const { lane, color } = prepared;
          return (
            <li
              key={item.key}
              className={item.index % 2 ? 'alt' : undefined}
              style={{ height: LANE_HEIGHT, transform: `translateY(${topOf(item.start)}px)` }}
            >
              <button
                type="button"
                className={`lane-label${selected === lane.streamId && lane.streamId ? ' selected' : ''}`}
                aria-disabled={lane.streamId === null || undefined}
                onClick={() => lane.streamId && select(lane.streamId)}
                onFocus={(event) => focusTooltip(event, prepared, null)}
                onBlur={clearHover}
                data-testid="lane-label"
                // Its name is what it shows (the whole name: the browser cuts it); the figures are read after.
                aria-describedby={`lane-figures-${item.index}`}
              >
                <span className="swatch" style={{ background: color }} aria-hidden="true" />
                {/* A long name is cut to fit, keeping its end when another lane's begins alike; hovering shows it whole. */}
                <span className="lane-name" title={lane.name}>
                  <span className="lane-name-head">{props.names[item.index]!.head}</span>
                  {props.names[item.index]!.tail && (
                    <span className="lane-name-tail">{props.names[item.index]!.tail}</span>
                  )}
                </span>
                <span className="lane-total">{formatDuration(lane.directMs)}</span>
                <span className="visually-hidden" id={`lane-figures-${item.index}`}>
                  {laneFigures(lane)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <svg
        className="timeline-lanes"
        width={contentWidth}
        height={height}
        onMouseMove={onMove}
        onMouseLeave={clearHover}
        onClick={(event) => {
          // Clicking a lane selects its stream, as its label does (the label is the keyboard path).
          const lane = laneAt(event);
          if (lane?.lane.streamId) select(lane.lane.streamId);
        }}
        // A group, not an image: its session blocks are buttons (an image's parts are not reachable).
        role="group"
        aria-label={`Timeline with ${lanes.length} streams`}
      >
        {items.map((item) => {
          const lane = lanes[item.index]!;
          return (
            <rect
              key={item.key}
              className={`lane-bg${item.index % 2 ? ' alt' : ''}${selected === lane.lane.streamId && lane.lane.streamId ? ' selected' : ''}`}
              x={0}
              y={topOf(item.start)}
              width={contentWidth}
              height={LANE_HEIGHT}
            />
          );
        })}
        {props.ticks.map((tick) => {
          const x = scale.toX(tick.at);
          return (
            <line
              key={tick.at}
              x1={x}
              x2={x}
              y1={0}
              y2={height}
              className={tick.major ? 'grid major' : 'grid'}
            />
          );
        })}
        {items.map((item) => (
          <TimelineLane
            key={item.key}
            lane={lanes[item.index]!}
            top={topOf(item.start)}
            range={range}
            scale={scale}
            width={contentWidth}
            selectedSession={selectedSession}
            onFocusSession={focusTooltip}
            onBlurSession={clearHover}
          />
        ))}
        {props.foldedGaps.map((gap) => (
          <rect
            key={gap.start}
            className="folded-gap"
            x={gap.x0}
            y={0}
            width={gap.x1 - gap.x0}
            height={height}
            data-testid="folded-gap"
          >
            <title>{`Idle ${formatSpan(gap.start, gap.end)} (${formatDuration(gap.end - gap.start)}), folded`}</title>
          </rect>
        ))}
        {props.nowX !== null && <line className="now" x1={props.nowX} x2={props.nowX} y1={0} y2={height} />}
      </svg>
    </>
  );
}

/** A lane's figures in words, read after its name. */
function laneFigures(lane: PreparedLane['lane']): string {
  return (
    `direct ${formatDuration(lane.directMs)}, delegated ${formatDuration(lane.delegatedMs)}, ` +
    `waiting ${formatDuration(lane.waitingMs)}, ${lane.sessions.length} sessions`
  );
}
