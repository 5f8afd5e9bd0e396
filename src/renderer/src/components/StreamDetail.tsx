import type { SessionSummary, StreamSummary } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { useEdit, useSessions } from '../api/queries';
import { explainError } from '../lib/errors';
import { formatDuration, formatSpan } from '../lib/time';
import { useUi } from '../state/ui-store';
import { ConfidenceBadge } from './ConfidenceBadge';
import { streamOptionLabel } from '../lib/stream-label';
import { TargetPicker } from './TargetPicker';
import { streamNameButton } from '../lib/focus';

/** The selected stream's sessions, main sessions with their subagents beneath them. */
export function StreamDetail({ stream, streams }: { stream: StreamSummary; streams: StreamSummary[] }) {
  const sessions = useSessions(stream.id);
  const select = useUi((s) => s.select);
  const all = sessions.data ?? [];
  const ids = new Set(all.map((s) => s.sessionId));
  const roots = all
    .filter((s) => !s.parentSessionId || !ids.has(s.parentSessionId))
    .sort((a, b) => b.startTime - a.startTime);
  const childrenOf = (id: string) =>
    all.filter((s) => s.parentSessionId === id).sort((a, b) => a.startTime - b.startTime);

  return (
    <section className="stream-detail" aria-labelledby="detail-heading" data-testid="stream-detail">
      <header className="section-header">
        <h2 id="detail-heading" tabIndex={-1}>
          {stream.name}
        </h2>
        <ConfidenceBadge confidence={stream.confidence} reviewed={stream.reviewed} />
        <button
          type="button"
          className="icon-button"
          onClick={() => select(null)}
          aria-label="Close stream details"
        >
          ×
        </button>
      </header>
      {sessions.isPending && <p className="muted">Loading sessions…</p>}
      {sessions.isError && <p role="alert">{explainError(sessions.error, 'Listing sessions').title}</p>}
      {sessions.data && roots.length === 0 && <p className="muted">No sessions in this stream.</p>}
      <ol className="session-list">
        {roots.map((session) => (
          <SessionItem
            key={session.sessionId}
            session={session}
            streams={streams}
            subagents={childrenOf(session.sessionId)}
          />
        ))}
      </ol>
    </section>
  );
}

function SessionItem({
  session,
  streams,
  subagents,
}: {
  session: SessionSummary;
  streams: StreamSummary[];
  subagents: SessionSummary[];
}) {
  const api = useApi();
  const move = useEdit(
    (streamId: string) => api.moveSession({ sessionId: session.sessionId, streamId }),
    'Moving',
  );
  const title = session.customTitle ?? session.summary ?? session.firstPrompt ?? 'Untitled session';
  const targets = streams.filter((s) => s.id !== session.streamId);
  // The session picked on the timeline is marked here, and scrolled into view.
  const picked = useUi((s) => s.selectedSessionId) === session.sessionId;
  return (
    <li
      className="session"
      data-testid="session"
      data-session-id={session.sessionId}
      aria-current={picked || undefined}
      ref={(element) => {
        if (picked) element?.scrollIntoView({ block: 'nearest' });
      }}
    >
      <div className="session-head">
        <span className="session-title">{title}</span>
        {targets.length > 0 && (
          <TargetPicker
            label={`Move session "${title}" to another stream`}
            placeholder="Move to…"
            action="Move"
            actionLabel={(target) => `Move session "${title}" to ${target}`}
            options={targets.map((target) => ({ id: target.id, label: streamOptionLabel(target, streams) }))}
            disabled={move.isPending}
            onApply={(streamId) => move.mutate(streamId)}
            // The details' heading; if the move emptied this stream (and closed the details), the target stream.
            focusAfter={(streamId) => document.getElementById('detail-heading') ?? streamNameButton(streamId)}
          />
        )}
      </div>
      {session.firstPrompt && title !== session.firstPrompt && (
        <p className="first-prompt">“{session.firstPrompt}”</p>
      )}
      <p className="muted session-meta">
        {session.projectName ?? 'unknown project'} · {formatSpan(session.startTime, session.endTime)}
        {session.endTime !== null && ` · ${formatDuration(session.endTime - session.startTime)}`} ·{' '}
        {session.promptCount} {session.promptCount === 1 ? 'prompt' : 'prompts'}
        {!session.fileExists && ' · transcript deleted by Claude Code (kept by tt)'}
      </p>
      {subagents.length > 0 && (
        <ul className="subagents" aria-label="Subagents">
          {subagents.map((agent) => (
            <li key={agent.sessionId} className="muted">
              ↳ subagent: {agent.summary ?? agent.firstPrompt ?? agent.sessionId} ·{' '}
              {formatSpan(agent.startTime, agent.endTime)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
