import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { StreamSummary } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { useEdit } from '../api/queries';
import { byAttention, byReviewPriority } from '../lib/confidence';
import { formatDateTime, formatDuration } from '../lib/time';
import { useStreamColors } from '../lib/stream-colors';
import { useUi } from '../state/ui-store';
import { ConfidenceBadge } from './ConfidenceBadge';
import { streamOptionLabel } from '../lib/stream-label';
import { TargetPicker } from './TargetPicker';
import { streamNameButton } from '../lib/focus';

const SOURCE_TEXT = { directory: 'by project', llm: 'by Claude', user: 'by you' } as const;

/**
 * The streams of the range with their badges and totals. In review mode every stream is
 * listed, unreviewed and least confident first, so a person can work down the list.
 */
export function StreamList({ streams }: { streams: StreamSummary[] }) {
  const reviewMode = useUi((s) => s.reviewMode);
  const view = useUi((s) => s.view);
  const visible = reviewMode
    ? [...streams].sort(byReviewPriority)
    : streams.filter((s) => s.directMs > 0 || s.delegatedMs > 0).sort(byAttention);
  const hidden = streams.length - visible.length;
  const toReview = streams.filter((s) => !s.reviewed).length;

  return (
    <section className="stream-list" aria-labelledby="streams-heading">
      <header className="section-header">
        <h2 id="streams-heading">{reviewMode ? 'Review streams' : 'Streams'}</h2>
        <span className="muted">
          {reviewMode
            ? `${toReview} to review · least confident first · totals for this ${view}`
            : hidden > 0
              ? `${hidden} more without activity this ${view}`
              : ''}
        </span>
      </header>
      {visible.length === 0 ? (
        <p className="muted empty-inline">No stream has activity in this range.</p>
      ) : (
        <table className="streams-table" data-testid="streams-table">
          <thead>
            <tr>
              <th scope="col">Stream</th>
              <th scope="col">Confidence</th>
              <th scope="col">Source</th>
              <th scope="col" className="num">
                Direct
              </th>
              <th scope="col" className="num">
                Delegated
              </th>
              <th scope="col" className="num" title="Agents idle because they needed you">
                Waiting
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((stream) => (
              <StreamRow key={stream.id} stream={stream} others={streams.filter((s) => s.id !== stream.id)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StreamRow({ stream, others }: { stream: StreamSummary; others: StreamSummary[] }) {
  const api = useApi();
  const colorOf = useStreamColors();
  const selected = useUi((s) => s.selectedStreamId === stream.id);
  const select = useUi((s) => s.select);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(stream.name);
  const rename = useEdit((name: string) => api.renameStream({ id: stream.id, name }), 'Renaming');
  const confirm = useEdit(() => api.confirmStream({ id: stream.id }), 'Confirming');
  const merge = useEdit((into: string) => api.mergeStreams({ from: stream.id, into }), 'Merging');

  // Set once Enter or Escape has decided, so the blur that follows does not decide again.
  const decided = useRef(false);
  const startEditing = () => {
    decided.current = false;
    setDraft(stream.name);
    setEditing(true);
  };
  const save = () => {
    decided.current = true;
    const name = draft.trim();
    if (name && name !== stream.name) rename.mutate(name);
  };
  // A keyboard user lands back on the stream's name, not at the top of the page.
  const nameButton = useRef<HTMLButtonElement>(null);
  const finishEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => nameButton.current?.focus());
  };
  // Confirm disappears once the stream is reviewed; its focus goes to the stream's name, not the page top.
  const confirmHadFocus = useRef(false);
  useEffect(() => {
    if (!stream.reviewed || !confirmHadFocus.current) return;
    confirmHadFocus.current = false;
    if (document.activeElement === document.body || document.activeElement === null)
      nameButton.current?.focus();
  }, [stream.reviewed]);
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
      finishEditing();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      decided.current = true;
      finishEditing();
    }
  };

  return (
    <tr
      className={selected ? 'selected' : undefined}
      data-testid="stream-row"
      data-stream-id={stream.id}
      data-stream-name={stream.name}
    >
      <td>
        <div className="stream-name-cell">
          <span className="swatch" style={{ background: colorOf(stream.id) }} aria-hidden="true" />
          {editing ? (
            <input
              className="rename-input"
              aria-label={`New name for ${stream.name}`}
              value={draft}
              maxLength={120}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onKey}
              // Clicking elsewhere keeps what was typed (as Enter does); only Escape throws it away.
              onBlur={() => {
                if (!decided.current) save();
                setEditing(false);
              }}
            />
          ) : (
            <button
              type="button"
              ref={nameButton}
              className="link-button stream-name"
              onClick={() => select(selected ? null : stream.id)}
              onDoubleClick={startEditing}
              aria-pressed={selected}
              title="Show its sessions (double-click to rename)"
            >
              {rename.isPending ? rename.variables : stream.name}
            </button>
          )}
          {/* Two streams with one name (Claude may name two days' work alike): when each was last active tells them apart. */}
          {!editing && stream.lastActivity !== null && others.some((o) => o.name === stream.name) && (
            <span className="muted twin-hint" data-testid="twin-hint">
              last active {formatDateTime(stream.lastActivity)}
            </span>
          )}
        </div>
      </td>
      <td>
        <ConfidenceBadge confidence={stream.confidence} reviewed={stream.reviewed} />
      </td>
      <td className="muted">{SOURCE_TEXT[stream.source]}</td>
      <td className="num" data-testid="direct-total" data-ms={stream.directMs}>
        {formatDuration(stream.directMs)}
      </td>
      <td className="num" data-testid="delegated-total" data-ms={stream.delegatedMs}>
        {formatDuration(stream.delegatedMs)}
      </td>
      <td className="num muted" data-testid="waiting-total" data-ms={stream.waitingMs}>
        {formatDuration(stream.waitingMs)}
      </td>
      <td className="actions">
        <button type="button" onClick={startEditing} aria-label={`Rename ${stream.name}`}>
          Rename
        </button>
        {!stream.reviewed && (
          <button
            type="button"
            onClick={(event) => {
              confirmHadFocus.current = document.activeElement === event.currentTarget;
              confirm.mutate(undefined);
            }}
            disabled={confirm.isPending}
            aria-label={`Confirm ${stream.name}`}
            title="Mark as reviewed: this stream is right, and inferring again keeps its sessions in it"
          >
            Confirm
          </button>
        )}
        {others.length > 0 && (
          <TargetPicker
            label={`Merge ${stream.name} into another stream`}
            placeholder="Merge into…"
            action="Merge"
            actionLabel={(target) => `Merge ${stream.name} into ${target}`}
            options={others.map((other) => ({ id: other.id, label: streamOptionLabel(other, others) }))}
            disabled={merge.isPending}
            onApply={(into) => merge.mutate(into)}
            focusAfter={streamNameButton}
          />
        )}
      </td>
    </tr>
  );
}
