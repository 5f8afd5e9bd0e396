import { useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type MouseEvent } from 'react';
import type { Interval, SessionMarker, TimelineData, TimelineLane } from '../../../shared/api';
import { agentLabel } from '../../../shared/session-sources';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { axisTicks, dayKey, formatBlock, formatDuration, formatSpan, type Range } from '../lib/time';
import {
  dayTotals,
  foldedScale,
  intervalAt,
  linearScale,
  nearestActivity,
  pixelSpans,
  spansPath,
} from '../lib/timeline-geometry';
import { fitLaneNames } from '../lib/lane-names';
import { RangeSelection } from './RangeSelection';
import { useStreamColors } from '../lib/stream-colors';
import { useUi } from '../state/ui-store';
import { useNow } from '../lib/use-now';

/** Lane labels: room for a name Claude gives ("Probably the search work") when the window allows. */
const labelWidthFor = (windowWidth: number): number =>
  windowWidth >= 1100 ? 260 : windowWidth >= 850 ? 230 : 190;
const AXIS_HEIGHT = 28;
const LANE_HEIGHT = 44;
const DIRECT = { y: 8, h: 14 };
const DELEGATED = { y: 24, h: 10 };
const MARKER = { y: 36, h: 5 };
/** Lanes beyond the first this many (by attention) fold into "+ N more streams". */
export const LANES_SHOWN_FOLDED = 12;
/** Per-day heads (totals, a way into the day) when a view shows at most this many days. */
const MAX_DAY_HEADS = 31;

interface PreparedLane {
  lane: TimelineLane;
  key: string;
  color: string;
  direct: Interval[];
  delegated: Interval[];
  waiting: Interval[];
  sessions: SessionMarker[];
}

interface Hover {
  x: number;
  y: number;
  lane: PreparedLane;
  direct: Interval | null;
  delegated: Interval | null;
  session: SessionMarker | null;
}

/**
 * One lane per stream, in the order the service gave (attention). Direct time is solid,
 * delegated time lighter beneath it, session starts are small marks. The intervals are the
 * allocation's, drawn as they come: the renderer never recomputes time.
 */
export function Timeline({ data, range }: { data: TimelineData; range: Range }) {
  const hoursVisible = useUi((s) => s.hoursVisible);
  const selected = useUi((s) => s.selectedStreamId);
  const select = useUi((s) => s.select);
  const selectedSession = useUi((s) => s.selectedSessionId);
  const selectSession = useUi((s) => s.selectSession);
  const scrollRef = useRef<HTMLDivElement>(null);
  const colorOf = useStreamColors();
  const [trackWidth, setTrackWidth] = useState(800);
  const [labelWidth, setLabelWidth] = useState(200);
  const [hover, setHover] = useState<Hover | null>(null);
  const [unfolded, setUnfolded] = useState(false);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => {
      const labels = labelWidthFor(element.clientWidth);
      setLabelWidth(labels);
      setTrackWidth(Math.max(200, element.clientWidth - labels - 2));
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
      data.lanes.map((lane) => ({
        lane,
        key: lane.streamId ?? 'unassigned',
        color: colorOf(lane.streamId),
        direct: [...lane.direct].sort((a, b) => a[0] - b[0]),
        delegated: [...lane.delegated].sort((a, b) => a[0] - b[0]),
        waiting: [...lane.waiting].sort((a, b) => a[0] - b[0]),
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
  const foldedGaps = scale.segments.filter((segment) => segment.folded);
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
  const names = useMemo(
    () =>
      fitLaneNames(
        lanes.map((l) => l.lane.name),
        Math.floor((labelWidth - 84) / 7.4),
      ),
    [lanes, labelWidth],
  );

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

  const paths = useMemo(
    () =>
      lanes.map((l) => ({
        direct: spansPath(pixelSpans(l.direct, range.start, range.end, scale.toX), DIRECT.y, DIRECT.h),
        delegated: spansPath(
          pixelSpans(l.delegated, range.start, range.end, scale.toX),
          DELEGATED.y,
          DELEGATED.h,
        ),
        // Waiting never overlaps the lane's delegated time: an outline in the same band.
        waiting: spansPath(
          pixelSpans(l.waiting, range.start, range.end, scale.toX),
          DELEGATED.y + 0.5,
          DELEGATED.h - 1,
        ),
        markers: spansPath(
          pixelSpans(
            l.sessions.map((s): Interval => [s.start, s.start]),
            range.start,
            range.end,
            scale.toX,
            2,
          ),
          MARKER.y,
          MARKER.h,
        ),
      })),
    [lanes, range.start, range.end, scale],
  );

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
    return list.length > 1 && list.length <= MAX_DAY_HEADS ? list : [];
  }, [range]);
  const totalsByDay = useMemo(() => dayTotals(allLanes, days), [allLanes, days]);
  const openDay = (day: Range) => {
    const ui = useUi.getState();
    ui.setView('day');
    ui.setDay(dayKey(day.start));
  };
  // Keyboard focus shows what hovering shows, next to what has focus.
  const focusTooltip = (event: FocusEvent<Element>, lane: PreparedLane, session: SessionMarker | null) => {
    const box = event.currentTarget.getBoundingClientRect();
    const at = session ? session.start : null;
    setHover({
      x: box.left,
      y: box.bottom - 12,
      lane,
      direct: at === null ? null : intervalAt(lane.direct, at, 60_000),
      delegated: at === null ? null : intervalAt(lane.delegated, at, 60_000),
      session,
    });
  };
  const now = useNow();
  const nowX = now > range.start && now < range.end ? scale.toX(now) : null;
  const lanesHeight = Math.max(1, lanes.length) * LANE_HEIGHT;

  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const lane = lanes[Math.floor(y / LANE_HEIGHT)];
    if (!lane) return setHover(null);
    const t = scale.toTime(x);
    const slack = 3 / pxPerMs;
    const direct = intervalAt(lane.direct, t, slack);
    const delegated = intervalAt(lane.delegated, t, slack);
    const overlapping = lane.sessions.filter(
      (s) => s.start - slack <= t && t <= (s.end ?? range.end) + slack,
    );
    const session = overlapping.find((s) => !s.isSubagent) ?? overlapping[0] ?? null;
    if (!direct && !delegated && !session) return setHover(null);
    setHover({ x: event.clientX, y: event.clientY, lane, direct, delegated, session });
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <div
        className="timeline-scroll"
        ref={scrollRef}
        data-testid="timeline-scroll"
        // Zoomed in, the keyboard scrolls it too: focusable, and the arrow keys scroll instead of changing day.
        tabIndex={contentWidth > trackWidth + 1 ? 0 : undefined}
        role={contentWidth > trackWidth + 1 ? 'region' : undefined}
        aria-label={contentWidth > trackWidth + 1 ? 'Timeline, zoomed in: arrow keys scroll' : undefined}
        data-scrolls-sideways={contentWidth > trackWidth + 1 || undefined}
      >
        <div className="timeline-grid" style={{ gridTemplateColumns: `${labelWidth}px ${contentWidth}px` }}>
          <div className="timeline-corner" />
          <div className="timeline-axis" style={{ width: contentWidth }}>
            <svg width={contentWidth} height={AXIS_HEIGHT} aria-hidden="true">
              {ticks.map((tick) => {
                const x = scale.toX(tick.at);
                return (
                  <g key={tick.at}>
                    <line
                      x1={x}
                      x2={x}
                      y1={tick.major ? 4 : 16}
                      y2={AXIS_HEIGHT}
                      className={tick.major ? 'tick major' : 'tick'}
                    />
                    {(!tick.major || days.length === 0) && (
                      <text
                        x={x + 4}
                        y={tick.major ? 14 : 22}
                        className={tick.major ? 'tick-label major' : 'tick-label'}
                      >
                        {tick.label}
                      </text>
                    )}
                  </g>
                );
              })}
            </svg>
            {days.length > 0 && (
              <div className="day-heads" data-testid="day-heads">
                {days.map((day, i) => (
                  <button
                    key={day.start}
                    type="button"
                    className="day-head"
                    style={{
                      left: (day.start - range.start) * pxPerMs,
                      width: (day.end - day.start) * pxPerMs,
                    }}
                    onClick={() => openDay(day)}
                    title={`Open ${format(day.start, 'EEEE d MMMM')}: direct · delegated`}
                    aria-label={`Open ${format(day.start, 'EEEE d MMMM')}: direct ${formatDuration(totalsByDay[i]!.directMs)}, delegated ${formatDuration(totalsByDay[i]!.delegatedMs)}`}
                    data-testid="day-head"
                  >
                    <span className="day-head-name">{format(day.start, 'EEE d')}</span>
                    <span className="day-head-totals">
                      {formatDuration(totalsByDay[i]!.directMs)} ·{' '}
                      {formatDuration(totalsByDay[i]!.delegatedMs)}
                    </span>
                  </button>
                ))}
              </div>
            )}
          </div>
          <ul className="lane-labels" aria-label="Streams on the timeline">
            {lanes.map((prepared, i) => {
              const { lane, key, color } = prepared;
              return (
                <li key={key} style={{ height: LANE_HEIGHT }}>
                  <button
                    type="button"
                    className={`lane-label${selected === lane.streamId && lane.streamId ? ' selected' : ''}`}
                    aria-disabled={lane.streamId === null || undefined}
                    onClick={() => lane.streamId && select(lane.streamId)}
                    onFocus={(event) => focusTooltip(event, prepared, null)}
                    onBlur={() => setHover(null)}
                    data-testid="lane-label"
                    aria-label={`${lane.name}: direct ${formatDuration(lane.directMs)}, delegated ${formatDuration(lane.delegatedMs)}, waiting ${formatDuration(lane.waitingMs)}, ${lane.sessions.length} sessions`}
                  >
                    <span className="swatch" style={{ background: color }} aria-hidden="true" />
                    {/* A long name is cut to fit; hovering shows it whole. */}
                    <span className="lane-name" title={lane.name}>
                      {names[i]}
                    </span>
                    <span className="lane-total">{formatDuration(lane.directMs)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <svg
            className="timeline-lanes"
            width={contentWidth}
            height={lanesHeight}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
            onClick={(event) => {
              // Clicking a lane selects its stream, as its label does (the label is the keyboard path).
              const box = event.currentTarget.getBoundingClientRect();
              const lane = lanes[Math.floor((event.clientY - box.top) / LANE_HEIGHT)];
              if (lane?.lane.streamId) select(lane.lane.streamId);
            }}
            role="img"
            aria-label={`Timeline with ${lanes.length} streams`}
          >
            {lanes.map((l, i) => (
              <rect
                key={l.key}
                className={`lane-bg${i % 2 ? ' alt' : ''}${selected === l.lane.streamId && l.lane.streamId ? ' selected' : ''}`}
                x={0}
                y={i * LANE_HEIGHT}
                width={contentWidth}
                height={LANE_HEIGHT}
              />
            ))}
            {ticks.map((tick) => {
              const x = scale.toX(tick.at);
              return (
                <line
                  key={tick.at}
                  x1={x}
                  x2={x}
                  y1={0}
                  y2={lanesHeight}
                  className={tick.major ? 'grid major' : 'grid'}
                />
              );
            })}
            {lanes.map((l, i) => {
              const blocks = (
                <LaneBlocks
                  lane={l}
                  paths={paths[i]!}
                  range={range}
                  toX={scale.toX}
                  selectedSession={selectedSession}
                  onFocusSession={(event, session) => focusTooltip(event, l, session)}
                  onBlurSession={() => setHover(null)}
                  onPickSession={(session) => selectSession(l.lane.streamId, session.sessionId)}
                />
              );
              return (
                <g
                  key={l.key}
                  transform={`translate(0 ${i * LANE_HEIGHT})`}
                  data-testid="lane"
                  data-stream-id={l.lane.streamId ?? ''}
                  data-stream-name={l.lane.name}
                >
                  {l.lane.streamId === null ? (
                    // Unassigned time: drag across it to give a range of it to a stream.
                    <RangeSelection
                      sessions={l.sessions}
                      width={contentWidth}
                      height={LANE_HEIGHT}
                      toTime={scale.toTime}
                    >
                      {blocks}
                    </RangeSelection>
                  ) : (
                    blocks
                  )}
                </g>
              );
            })}
            {foldedGaps.map((gap) => (
              <rect
                key={gap.start}
                className="folded-gap"
                x={gap.x0}
                y={0}
                width={gap.x1 - gap.x0}
                height={lanesHeight}
                data-testid="folded-gap"
              >
                <title>{`Idle ${formatSpan(gap.start, gap.end)} (${formatDuration(gap.end - gap.start)}), folded`}</title>
              </rect>
            ))}
            {nowX !== null && <line className="now" x1={nowX} x2={nowX} y1={0} y2={lanesHeight} />}
          </svg>
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
      {hover && <TimelineTooltip hover={hover} />}
      <div className="legend">
        <span className="legend-item" aria-hidden="true">
          <span className="legend-key legend-direct" /> direct (your attention)
        </span>
        <span className="legend-item" aria-hidden="true">
          <span className="legend-key legend-delegated" /> delegated (agents working)
        </span>
        <span className="legend-item" aria-hidden="true">
          <span className="legend-key legend-waiting" /> waiting on you
        </span>
        <span className="legend-item" aria-hidden="true">
          <span className="legend-key legend-marker" /> session start
        </span>
        {view === 'day' && (
          <button
            type="button"
            className="fold-idle"
            aria-pressed={foldIdle}
            onClick={() => setShowIdle(!showIdle)}
            title="Idle stretches of 15 minutes or more are folded into narrow marked gaps"
            data-testid="fold-idle"
          >
            Fold idle time
          </button>
        )}
        <kbd className="keys" aria-hidden="true">
          ← → move · t today · d / w day, week · + − zoom · r review · Ctrl+Z undo
        </kbd>
      </div>
    </section>
  );
}

/**
 * What one lane draws: delegated time, waiting (an outline), direct time, session marks, and one focusable block
 * per session (hover, keyboard focus and click go through it). Every kind of mark on a lane
 * is drawn here, so a new one is added in one place.
 */
function LaneBlocks(props: {
  lane: PreparedLane;
  paths: { direct: string; delegated: string; waiting: string; markers: string };
  range: Range;
  toX: (t: number) => number;
  selectedSession: string | null;
  onFocusSession: (event: FocusEvent<SVGRectElement>, session: SessionMarker) => void;
  onBlurSession: () => void;
  onPickSession: (session: SessionMarker) => void;
}) {
  const { lane, paths, range, toX } = props;
  return (
    <>
      <path d={paths.delegated} fill={lane.color} className="delegated" data-kind="delegated" />
      <path d={paths.waiting} stroke={lane.color} className="waiting" data-kind="waiting" />
      <path d={paths.direct} fill={lane.color} data-kind="direct" />
      <path d={paths.markers} className="marker" data-kind="sessions" />
      {lane.sessions
        .filter((s) => !s.isSubagent && s.start < range.end && (s.end ?? s.start) >= range.start)
        .map((session) => {
          const x0 = toX(Math.max(session.start, range.start));
          const x1 = toX(Math.min(session.end ?? session.start, range.end));
          const label = `${lane.lane.name}: ${session.label}, ${formatSpan(session.start, session.end)}`;
          return (
            <rect
              key={session.sessionId}
              className={`session-block${props.selectedSession === session.sessionId ? ' selected' : ''}`}
              x={x0}
              y={2}
              width={Math.max(6, x1 - x0)}
              height={LANE_HEIGHT - 4}
              rx={3}
              tabIndex={0}
              role="button"
              aria-label={label}
              data-testid="session-block"
              data-session-id={session.sessionId}
              onFocus={(event) => props.onFocusSession(event, session)}
              onBlur={props.onBlurSession}
              onClick={(event) => {
                event.stopPropagation();
                props.onPickSession(session);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  props.onPickSession(session);
                }
              }}
            />
          );
        })}
    </>
  );
}

function TimelineTooltip({ hover }: { hover: Hover }) {
  const { lane, direct, delegated, session } = hover;
  const left = Math.min(hover.x + 14, window.innerWidth - 340);
  return (
    <div
      className="tooltip"
      role="tooltip"
      style={{ left, top: hover.y + 16 }}
      data-testid="timeline-tooltip"
    >
      <strong>{lane.lane.name}</strong>
      {!direct && !delegated && !session && (
        <div>
          Direct {formatDuration(lane.lane.directMs)} · Delegated {formatDuration(lane.lane.delegatedMs)} ·{' '}
          {lane.lane.sessions.length} sessions
        </div>
      )}
      {direct && (
        <div>
          Direct {formatBlock(direct[0], direct[1])} · {formatDuration(direct[1] - direct[0])}
        </div>
      )}
      {delegated && (
        <div>
          Delegated {formatBlock(delegated[0], delegated[1])} · {formatDuration(delegated[1] - delegated[0])}
        </div>
      )}
      {session && (
        <div className="tooltip-session">
          <div className="tooltip-label">{session.label}</div>
          <div className="muted">
            {agentLabel(session.agent)}
            {session.isSubagent ? ' subagent' : ''} · {session.projectName ?? 'unknown project'} ·{' '}
            {formatSpan(session.start, session.end)}
            {session.end !== null && ` · ${formatDuration(session.end - session.start)}`}
          </div>
        </div>
      )}
    </div>
  );
}
