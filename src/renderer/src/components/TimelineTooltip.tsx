import { agentLabel } from '../../../shared/session-sources';
import { formatBlock, formatDuration, formatSpan } from '../lib/time';
import { useHover, type HoverStore } from '../lib/hover-store';

/** What the pointer or keyboard focus is on: the lane's totals, or the block's times and session. */
export function TimelineTooltip({ store }: { store: HoverStore }) {
  const hover = useHover(store);
  if (!hover) return null;
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
