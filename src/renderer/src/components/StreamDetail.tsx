import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { SessionSummary, StreamSummary } from '../../../shared/api';
import { agentLabel } from '../../../shared/session-sources';
import { commonTitle } from '../../../shared/stream-name';
import { sessionTitle } from '../../../shared/wording';
import { useApi } from '../api/ApiContext';
import { refuseOffline, useEdit, useSessions } from '../api/queries';
import { OFFLINE_REASON, useOnline } from '../state/connection-store';
import { explainError } from '../lib/errors';
import { formatDuration, formatSpan, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';
import { ConfidenceBadge } from './ConfidenceBadge';
import { SessionDetails } from './SessionDetails';
import { focusSoon, isTyping, streamNameButton } from '../lib/focus';

/**
 * The selected stream's sessions, main sessions with their subagents beneath them. Sessions
 * can be selected (checkboxes, Shift-click for a run) and made a stream of their own: a split.
 */
export function StreamDetail({
  stream,
  streams,
  range,
}: {
  stream: StreamSummary;
  streams: StreamSummary[];
  range: Range;
}) {
  const api = useApi();
  // The range in view first: a stream of three months has hundreds of sessions.
  const [allTime, setAllTime] = useState(false);
  const sessions = useSessions(stream.id, allTime ? null : range);
  const select = useUi((s) => s.select);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const lastClicked = useRef<string | null>(null);
  const all = sessions.data ?? [];
  const ids = new Set(all.map((s) => s.sessionId));
  const roots = all
    .filter((s) => !s.parentSessionId || !ids.has(s.parentSessionId))
    .sort((a, b) => b.startTime - a.startTime);
  const childrenOf = (id: string) =>
    all.filter((s) => s.parentSessionId === id).sort((a, b) => a.startTime - b.startTime);
  const selection = roots.filter((s) => chosen.has(s.sessionId));
  const suggested = commonTitle(selection.map(sessionTitle)) ?? 'New stream';
  const online = useOnline();

  const split = useEdit(
    (input: { sessionIds: string[]; name?: string }) => api.newStream({ ...input, from: stream.id }),
    'Making a stream',
  );
  const splitSelection = () => {
    if (selection.length === 0 || split.isPending || refuseOffline('Making a stream')) return;
    split.mutate({ sessionIds: selection.map((s) => s.sessionId), name: name.trim() || undefined });
    setChosen(new Set());
    setName('');
    focusSoon(() => document.getElementById('detail-heading'));
  };
  const latestSplit = useRef(splitSelection);
  useEffect(() => {
    latestSplit.current = splitSelection;
  });
  // While sessions are ticked, single letters act on them only (see shortcuts.ts).
  const setSessionSelection = useUi((s) => s.setSessionSelection);
  useEffect(() => setSessionSelection(selection.length), [selection.length, setSessionSelection]);
  useEffect(() => () => setSessionSelection(0), [setSessionSelection]);
  // n: a new stream from the selection, from anywhere on the page but a field (with nothing
  // ticked, the page's shortcuts say so); Escape lets go of the selection.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const ui = useUi.getState();
      if (ui.picker || ui.helpOpen || ui.sessionSelection === 0) return;
      if (event.key === 'n') {
        event.preventDefault();
        latestSplit.current();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setChosen(new Set());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const toggle = (id: string, range: boolean) => {
    const next = new Set(chosen);
    const on = !chosen.has(id);
    const from = roots.findIndex((s) => s.sessionId === lastClicked.current);
    const to = roots.findIndex((s) => s.sessionId === id);
    if (range && from >= 0 && to >= 0) {
      for (const s of roots.slice(Math.min(from, to), Math.max(from, to) + 1)) {
        if (on) next.add(s.sessionId);
        else next.delete(s.sessionId);
      }
    } else if (on) next.add(id);
    else next.delete(id);
    lastClicked.current = id;
    setChosen(next);
  };

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
      {selection.length > 0 && (
        <div className="split-bar" data-testid="split-bar">
          <input
            aria-label="Name of the new stream"
            placeholder={suggested}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                splitSelection();
              }
            }}
          />
          <button
            type="button"
            className="primary"
            onClick={splitSelection}
            disabled={split.isPending || !online}
            title={online ? undefined : OFFLINE_REASON}
            aria-keyshortcuts="n"
          >
            New stream from selection ({selection.length})
          </button>
        </div>
      )}
      {sessions.isPending && <p className="muted">Loading sessions…</p>}
      {sessions.isError && <p role="alert">{explainError(sessions.error, 'Listing sessions').title}</p>}
      {sessions.data && roots.length === 0 && (
        <p className="muted">
          {allTime ? 'No sessions in this stream.' : 'No sessions of this stream in this range.'}
        </p>
      )}
      <ol className="session-list" onKeyDown={moveBetweenSessions}>
        {roots.map((session) => (
          <SessionItem
            key={session.sessionId}
            session={session}
            streams={streams}
            range={range}
            subagents={childrenOf(session.sessionId)}
            checked={chosen.has(session.sessionId)}
            onToggle={(range) => toggle(session.sessionId, range)}
          />
        ))}
      </ol>
      {!allTime && sessions.data && stream.sessionIds.length > all.length && (
        <button
          type="button"
          className="link-button"
          onClick={() => setAllTime(true)}
          data-testid="show-all-sessions"
        >
          Show all {stream.sessionIds.length} sessions
        </button>
      )}
    </section>
  );
}

/** ↓ and ↑ on a session's checkbox go to the next or previous session's (after `s`). */
function moveBetweenSessions(event: ReactKeyboardEvent<HTMLOListElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const target = event.target as HTMLElement;
  if (!target.matches('.session-check')) return;
  const checks = [...event.currentTarget.querySelectorAll<HTMLElement>('.session-check')];
  const next = checks[checks.indexOf(target) + (event.key === 'ArrowDown' ? 1 : -1)];
  event.preventDefault();
  event.stopPropagation();
  next?.focus();
}

function SessionItem({
  session,
  streams,
  range,
  subagents,
  checked,
  onToggle,
}: {
  session: SessionSummary;
  streams: StreamSummary[];
  range: Range;
  subagents: SessionSummary[];
  checked: boolean;
  /** `range`: Shift was held, select the run from the last one clicked. */
  onToggle: (range: boolean) => void;
}) {
  const api = useApi();
  const openPicker = useUi((s) => s.openPicker);
  const move = useEdit(
    (streamId: string) => api.moveSession({ sessionId: session.sessionId, streamId }),
    'Moving',
    undefined,
    // Sessions moved one after another are one toast: "3 sessions moved".
    'sessions moved',
  );
  const newStream = useEdit(
    (name: string | undefined) =>
      api.newStream({ sessionIds: [session.sessionId], name, from: session.streamId ?? undefined }),
    'Making a stream',
  );
  const title = sessionTitle(session) ?? 'Untitled session';
  const online = useOnline();
  // The session picked on the timeline is marked here, and scrolled into view.
  const picked = useUi((s) => s.selectedSessionId) === session.sessionId;
  // Open when the person says so, else while the session is the one picked on the timeline.
  const [opened, setOpened] = useState<boolean | null>(null);
  const open = opened ?? picked;
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
        <input
          type="checkbox"
          className="session-check"
          data-testid="session-check"
          aria-label={`Select session "${title}"`}
          checked={checked}
          onChange={() => undefined}
          onClick={(e) => onToggle(e.shiftKey)}
          onKeyDown={(e) => {
            // Space toggles (the browser's own); Shift+Space selects the run up to here.
            if (e.key === ' ' && e.shiftKey) {
              e.preventDefault();
              onToggle(true);
            }
          }}
        />
        <span className="session-title">{title}</span>
        <button
          type="button"
          className="session-open"
          aria-expanded={open}
          aria-label={`Details of session "${title}"`}
          onClick={() => setOpened(!open)}
        >
          Details
        </button>
        {streams.length > 1 && (
          <button
            type="button"
            className="session-move"
            disabled={move.isPending || newStream.isPending || !online}
            title={online ? undefined : OFFLINE_REASON}
            aria-haspopup="dialog"
            aria-label={`Move session "${title}" to…`}
            onClick={() =>
              openPicker({
                title: `Move session "${title}" to…`,
                excludeIds: session.streamId ? [session.streamId] : [],
                // Its project, and the branches of that project its stream holds.
                near: session.projectName
                  ? [
                      session.projectName,
                      ...(streams.find((s) => s.id === session.streamId)?.places ?? []).filter((place) =>
                        place.startsWith(`${session.projectName}@`),
                      ),
                    ]
                  : [],
                allowNew: true,
                apply: (streamId, typed) =>
                  streamId ? move.mutate(streamId) : newStream.mutate(typed || undefined),
                // The details' heading; if the move emptied this stream (and closed the details), the target stream.
                focusAfter: (streamId) =>
                  document.getElementById('detail-heading') ?? (streamId ? streamNameButton(streamId) : null),
              })
            }
          >
            Move…
          </button>
        )}
      </div>
      {session.firstPrompt && title !== session.firstPrompt && (
        <p className="first-prompt">“{session.firstPrompt}”</p>
      )}
      <p className="muted session-meta">
        {agentLabel(session.agent)} · {session.projectName ?? 'unknown project'} ·{' '}
        {formatSpan(session.startTime, session.endTime)}
        {session.endTime !== null && ` · ${formatDuration(session.endTime - session.startTime)}`} ·{' '}
        {session.promptCount} {session.promptCount === 1 ? 'prompt' : 'prompts'}
        {!session.fileExists && ` · transcript deleted by ${agentLabel(session.agent)} (kept by tt)`}
      </p>
      {session.transcriptPath && (
        <p className="muted session-path">
          <code title={session.transcriptPath}>{session.transcriptPath}</code>{' '}
          <button
            type="button"
            className="link-button"
            aria-label={`Copy path of the transcript of "${title}"`}
            onClick={() => void navigator.clipboard?.writeText(session.transcriptPath!)}
          >
            Copy path
          </button>
        </p>
      )}
      {open && <SessionDetails sessionId={session.sessionId} range={range} />}
      {subagents.length > 0 && (
        <ul className="subagents" aria-label="Subagents">
          {subagents.map((agent) => (
            <li key={agent.sessionId} className="muted">
              ↳ {agent.agentType ?? 'subagent'}: {agent.summary ?? agent.firstPrompt ?? 'no description'} ·{' '}
              {formatSpan(agent.startTime, agent.endTime)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
