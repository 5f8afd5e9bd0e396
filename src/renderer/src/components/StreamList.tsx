import { memo, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { StreamSummary } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { dropCachedStream, patchCachedStream, useEdit, useFindStreams } from '../api/queries';
import { byAttention, byReviewPriority } from '../lib/confidence';
import { formatDateTime, formatDuration, type Range } from '../lib/time';
import { useStreamColors } from '../lib/stream-colors';
import { useUi } from '../state/ui-store';
import { ConfidenceBadge } from './ConfidenceBadge';
import { ExportButtons } from './ExportButtons';
import { UnassignedList } from './UnassignedList';
import { focusSoon, isTyping, streamNameButton } from '../lib/focus';

const SOURCE_TEXT = { directory: 'by project', llm: 'by Claude', user: 'by you' } as const;

const hasActivity = (s: StreamSummary) => s.directMs > 0 || s.delegatedMs > 0;

/**
 * The streams with activity in the range, with their badges and totals. In review mode they
 * are a queue: unreviewed and least confident first, the reviewed ones folded away, and the
 * keyboard (j/k, c, e, m, s) works down it.
 */
export function StreamList({ streams, range }: { streams: StreamSummary[]; range: Range }) {
  const api = useApi();
  const reviewMode = useUi((s) => s.reviewMode);
  const view = useUi((s) => s.view);
  const focusedId = useUi((s) => s.focusedStreamId);
  const focusStream = useUi((s) => s.focusStream);
  const openPicker = useUi((s) => s.openPicker);
  const [showReviewed, setShowReviewed] = useState(false);
  const [search, setSearch] = useState('');
  const [project, setProject] = useState('');
  // Words match stream names, session titles and prompts: the service looks (while typing, the last answer stays).
  const find = useFindStreams(range, project, useDeferredValue(search.trim()));
  const finding = search.trim() !== '' || project !== '';
  const found = finding ? find.data?.streamIds : undefined;

  const active = useMemo(() => {
    const hits = found === undefined ? null : new Set(found);
    return streams.filter((s) => hasActivity(s) && (hits === null || hits.has(s.id)));
  }, [streams, found]);
  const queue = useMemo(
    () =>
      reviewMode ? active.filter((s) => !s.reviewed).sort(byReviewPriority) : [...active].sort(byAttention),
    [active, reviewMode],
  );
  const reviewed = useMemo(
    () => (reviewMode ? active.filter((s) => s.reviewed).sort(byAttention) : []),
    [active, reviewMode],
  );
  const rows = showReviewed ? [...queue, ...reviewed] : queue;
  const current = rows.some((s) => s.id === focusedId) ? focusedId : (rows[0]?.id ?? null);
  const nameCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of streams) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
    return counts;
  }, [streams]);
  const hidden = finding ? 0 : streams.length - active.length;

  const confirm = useEdit(
    (id: string) => api.confirmStream({ id }),
    'Confirming',
    // The row leaves the queue at once; the service's answer follows.
    (client, id) => patchCachedStream(client, id, { reviewed: true }),
  );
  const rename = useEdit(
    ({ id, name }: { id: string; name: string }) => api.renameStream({ id, name }),
    'Renaming',
    (client, { id, name }) => patchCachedStream(client, id, { name }),
  );
  const colorOf = useStreamColors();
  const merge = useEdit(
    ({ from, into }: { from: string; into: string }) => api.mergeStreams({ from, into }),
    'Merging',
    // The merged row goes at once; the target's new totals come with the service's answer.
    (client, { from }) => dropCachedStream(client, from),
  );

  /** The row after `id` in the queue (else the one before): where a keyboard user goes next. */
  const neighbour = (id: string): string | null => {
    const index = rows.findIndex((s) => s.id === id);
    return rows[index + 1]?.id ?? rows[index - 1]?.id ?? null;
  };

  const actions: RowActions = {
    confirm(stream) {
      if (stream.reviewed) return;
      // In the queue the confirmed row folds away: focus takes the next one, which moves up into
      // its place, so the page does not jump. Outside review the row stays, and so does focus.
      const next = reviewMode && !showReviewed ? neighbour(stream.id) : stream.id;
      confirm.mutate(stream.id);
      focusStream(next);
      if (next) focusSoon(() => streamNameButton(next));
    },
    merge(stream) {
      openPicker({
        title: `Merge "${stream.name}" into…`,
        excludeIds: [stream.id],
        apply: (into) => into && merge.mutate({ from: stream.id, into }),
        focusAfter: (into) =>
          (into ? streamNameButton(into) : null) ?? streamNameButton(neighbour(stream.id) ?? ''),
      });
    },
    rename(stream, name) {
      rename.mutate({ id: stream.id, name });
    },
  };

  const move = (step: 1 | -1) => {
    const index = rows.findIndex((s) => s.id === current);
    const next = rows[Math.min(rows.length - 1, Math.max(0, index + step))];
    if (!next) return;
    focusStream(next.id);
    const button = streamNameButton(next.id);
    button?.focus({ preventScroll: true });
    button?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  };

  // Single keys act on the focused stream (see the ? overlay); never while typing or picking.
  const latest = useRef({ rows, current, actions, move });
  useEffect(() => {
    latest.current = { rows, current, actions, move };
  });
  // The same object on every render, so rows that did not change are not drawn again.
  const rowActions = useMemo<RowActions>(
    () => ({
      confirm: (stream) => latest.current.actions.confirm(stream),
      merge: (stream) => latest.current.actions.merge(stream),
      rename: (stream, name) => latest.current.actions.rename(stream, name),
    }),
    [],
  );
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const ui = useUi.getState();
      if (ui.picker || ui.helpOpen) return;
      const { rows, current, actions, move } = latest.current;
      const stream = rows.find((s) => s.id === current);
      const inList = (event.target as HTMLElement | null)?.closest?.('.stream-list') !== null;
      const keys: Record<string, (() => void) | undefined> = {
        j: () => move(1),
        k: () => move(-1),
        ArrowDown: inList ? () => move(1) : undefined,
        ArrowUp: inList ? () => move(-1) : undefined,
        c: stream && (() => actions.confirm(stream)),
        e: stream && (() => ui.setRenaming(stream.id)),
        m: stream && (() => actions.merge(stream)),
        s:
          stream &&
          (() => {
            ui.select(stream.id);
            focusSoon(() => document.querySelector<HTMLElement>('[data-testid="session-check"]'));
          }),
      };
      const action = keys[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="stream-list" aria-labelledby="streams-heading">
      <header className="section-header">
        <h2 id="streams-heading">{reviewMode ? 'Review streams' : 'Streams'}</h2>
        <span className="muted" data-testid="review-counter">
          {reviewMode
            ? `${queue.length} of ${active.length} to review · least confident first · this ${view}`
            : hidden > 0
              ? `${hidden} more without activity this ${view}`
              : ''}
        </span>
        <select
          className="project-filter"
          aria-label="Filter by project"
          value={project}
          onChange={(e) => setProject(e.target.value)}
        >
          <option value="">All projects</option>
          {(find.data?.projects ?? []).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="stream-search"
          aria-label="Find streams by name, session title or prompt"
          placeholder="Find streams, sessions, prompts…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search) {
              e.stopPropagation();
              setSearch('');
            }
          }}
        />
        <ExportButtons range={range} />
      </header>
      {rows.length === 0 ? (
        <p className="muted empty-inline">
          {finding
            ? `No stream of this range matches${search ? ` “${search}”` : ''}${project ? ` in ${project}` : ''}.`
            : reviewMode && active.length > 0
              ? 'Every stream of this range is reviewed.'
              : 'No stream has activity in this range.'}
        </p>
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
            {rows.map((stream) => (
              <StreamRow
                key={stream.id}
                stream={stream}
                color={colorOf(stream.id)}
                current={stream.id === current}
                twin={(nameCounts.get(stream.name) ?? 0) > 1}
                confirming={confirm.isPending && confirm.variables === stream.id}
                renamingTo={
                  rename.isPending && rename.variables.id === stream.id ? rename.variables.name : null
                }
                actions={rowActions}
              />
            ))}
          </tbody>
        </table>
      )}
      <UnassignedList range={range} />
      {reviewed.length > 0 && (
        <button
          type="button"
          className="link-button reviewed-fold"
          aria-expanded={showReviewed}
          onClick={() => setShowReviewed(!showReviewed)}
          data-testid="reviewed-fold"
        >
          {showReviewed ? '▾' : '▸'} {reviewed.length} reviewed
        </button>
      )}
    </section>
  );
}

// One edit and one colour map for the whole list, handed to the rows: a hook per row (a
// query and a mutation observer each) made drawing 100+ rows slow.
interface RowActions {
  confirm(stream: StreamSummary): void;
  merge(stream: StreamSummary): void;
  rename(stream: StreamSummary, name: string): void;
}

const StreamRow = memo(function StreamRow({
  stream,
  color,
  current,
  twin,
  confirming,
  renamingTo,
  actions,
}: {
  stream: StreamSummary;
  color: string;
  /** The row the keyboard is on: its controls are the list's one Tab stop. */
  current: boolean;
  twin: boolean;
  confirming: boolean;
  /** The new name while a rename is on its way to the service. */
  renamingTo: string | null;
  actions: RowActions;
}) {
  const selected = useUi((s) => s.selectedStreamId === stream.id);
  const select = useUi((s) => s.select);
  const focusStream = useUi((s) => s.focusStream);
  const editing = useUi((s) => s.renamingStreamId === stream.id);
  const setRenaming = useUi((s) => s.setRenaming);
  const tabIndex = current ? 0 : -1;
  // A keyboard user lands back on the stream's name, not at the top of the page.
  const nameButton = useRef<HTMLButtonElement>(null);

  return (
    <tr
      className={[selected && 'selected', current && 'current'].filter(Boolean).join(' ') || undefined}
      data-testid="stream-row"
      data-stream-id={stream.id}
      data-stream-name={stream.name}
      onFocus={() => focusStream(stream.id)}
    >
      <td>
        <div className="stream-name-cell">
          <span className="swatch" style={{ background: color }} aria-hidden="true" />
          {editing ? (
            <RenameInput
              name={stream.name}
              onSave={(name) => actions.rename(stream, name)}
              onDone={() => {
                setRenaming(null);
                focusSoon(() => nameButton.current);
              }}
              onBlur={() => setRenaming(null)}
            />
          ) : (
            <button
              type="button"
              ref={nameButton}
              tabIndex={tabIndex}
              className="link-button stream-name"
              onClick={() => select(selected ? null : stream.id)}
              onDoubleClick={() => setRenaming(stream.id)}
              aria-pressed={selected}
              title="Show its sessions (double-click or e to rename)"
            >
              {renamingTo ?? stream.name}
            </button>
          )}
          {/* Two streams with one name (Claude may name two days' work alike): when each was last active tells them apart. */}
          {!editing && stream.lastActivity !== null && twin && (
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
        <button
          type="button"
          tabIndex={tabIndex}
          onClick={() => setRenaming(stream.id)}
          aria-label={`Rename ${stream.name}`}
          aria-keyshortcuts="e"
        >
          Rename
        </button>
        {!stream.reviewed && (
          <button
            type="button"
            tabIndex={tabIndex}
            onClick={() => actions.confirm(stream)}
            disabled={confirming}
            aria-label={`Confirm ${stream.name}`}
            aria-keyshortcuts="c"
            title="Mark as reviewed: this stream is right, and inferring again keeps its sessions in it"
          >
            Confirm
          </button>
        )}
        <button
          type="button"
          tabIndex={tabIndex}
          onClick={() => actions.merge(stream)}
          aria-label={`Merge ${stream.name} into…`}
          aria-haspopup="dialog"
          aria-keyshortcuts="m"
        >
          Merge…
        </button>
      </td>
    </tr>
  );
});

/** The inline rename field: Enter or clicking away saves, Escape throws the draft away. */
function RenameInput(props: {
  name: string;
  onSave: (name: string) => void;
  onDone: () => void;
  onBlur: () => void;
}) {
  const [draft, setDraft] = useState(props.name);
  // Set once Enter or Escape has decided, so the blur that follows does not decide again.
  const decided = useRef(false);
  const save = () => {
    decided.current = true;
    const name = draft.trim();
    if (name && name !== props.name) props.onSave(name);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
      props.onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      decided.current = true;
      props.onDone();
    }
  };
  return (
    <input
      className="rename-input"
      aria-label={`New name for ${props.name}`}
      value={draft}
      maxLength={120}
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKey}
      // Clicking elsewhere keeps what was typed (as Enter does); only Escape throws it away.
      onBlur={() => {
        if (!decided.current) save();
        props.onBlur();
      }}
    />
  );
}
