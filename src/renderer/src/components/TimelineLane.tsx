import { memo, useMemo, type FocusEvent } from 'react';
import type { SessionMarker } from '../../../shared/api';
import { formatSpan, type Range } from '../lib/time';
import type { TimeScale } from '../lib/timeline-geometry';
import { LANE_HEIGHT, lanePaths, type PreparedLane } from '../lib/timeline-lanes';
import { useUi } from '../state/ui-store';
import { RangeSelection } from './RangeSelection';

/**
 * One lane's marks: delegated time, waiting (an outline), direct time, session marks, and one
 * focusable block per session (hover, keyboard focus and click go through it). Every kind of
 * mark on a lane is drawn here, so a new one is added in one place. Its paths are built when
 * it is first drawn: lanes scrolled out of the window cost nothing.
 */
export const TimelineLane = memo(function TimelineLane(props: {
  lane: PreparedLane;
  top: number;
  range: Range;
  scale: TimeScale;
  width: number;
  selectedSession: string | null;
  onFocusSession: (event: FocusEvent<Element>, lane: PreparedLane, session: SessionMarker) => void;
  onBlurSession: () => void;
}) {
  const { lane, range, scale } = props;
  const selectSession = useUi((s) => s.selectSession);
  const paths = useMemo(() => lanePaths(lane, range, scale.toX), [lane, range, scale]);
  const pick = (session: SessionMarker) => selectSession(lane.lane.streamId, session.sessionId);
  const blocks = (
    <>
      <path d={paths.delegated} fill={lane.color} className="delegated" data-kind="delegated" />
      <path d={paths.waiting} stroke={lane.color} className="waiting" data-kind="waiting" />
      <path d={paths.direct} fill={lane.color} data-kind="direct" />
      {paths.manual && (
        <path d={paths.manual} className="manual" data-kind="manual">
          <title>added by hand</title>
        </path>
      )}
      <path d={paths.markers} className="marker" data-kind="sessions" />
      {lane.sessions
        .filter((s) => !s.isSubagent && s.start < range.end && (s.end ?? s.start) >= range.start)
        .map((session) => {
          const x0 = scale.toX(Math.max(session.start, range.start));
          const x1 = scale.toX(Math.min(session.end ?? session.start, range.end));
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
              aria-label={`${lane.lane.name}: ${session.label}, ${formatSpan(session.start, session.end)}`}
              data-testid="session-block"
              data-session-id={session.sessionId}
              onFocus={(event) => props.onFocusSession(event, lane, session)}
              onBlur={props.onBlurSession}
              onClick={(event) => {
                event.stopPropagation();
                pick(session);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  pick(session);
                }
              }}
            />
          );
        })}
    </>
  );
  return (
    <g
      transform={`translate(0 ${props.top})`}
      data-testid="lane"
      data-stream-id={lane.lane.streamId ?? ''}
      data-stream-name={lane.lane.name}
    >
      {lane.lane.streamId === null ? (
        // Unassigned time: drag across it to give a range of it to a stream.
        <RangeSelection
          sessions={lane.sessions}
          width={props.width}
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
});
