import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { StreamSummary } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { dropCachedStream, patchCachedStream, refuseOffline, useEdit, useFindStreams } from '../api/queries';
import { byAttention, byReviewPriority } from '../lib/confidence';
import type { Range } from '../lib/time';
import { useStreamColors } from '../lib/stream-colors';
import { useUi } from '../state/ui-store';
import { ExportButtons } from './ExportButtons';
import { UnassignedList } from './UnassignedList';
import { StreamTable, type StreamTableHandle } from './StreamTable';
import type { RowActions } from './StreamRow';
import { focusSoon, isTyping, streamNameButton } from '../lib/focus';
import { heightVariable } from '../lib/use-height-variable';

const toolbarHeight = () => heightVariable('--toolbar-height') ?? 64;
/** The list's header, column heads and first row: what `r` must bring into sight. */
const QUEUE_HEAD_ROOM = 130;

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
    // A streak of confirms is one toast: "5 confirmed".
    'confirmed',
  );
  const rename = useEdit(
    ({ id, name }: { id: string; name: string }) => api.renameStream({ id, name }),
    'Renaming',
    (client, { id, name }) => patchCachedStream(client, id, { name }),
  );
  const colorOf = useStreamColors();
  const table = useRef<StreamTableHandle>(null);
  const merge = useEdit(
    ({ from, into }: { from: string; into: string }) => api.mergeStreams({ from, into }),
    'Merging',
    // The merged row goes at once; the target's new totals come with the service's answer.
    (client, { from }) => dropCachedStream(client, from),
    'merged',
  );

  /** The row after `id` in the queue (else the one before): where a keyboard user goes next. */
  const neighbour = (id: string): string | null => {
    const index = rows.findIndex((s) => s.id === id);
    return rows[index + 1]?.id ?? rows[index - 1]?.id ?? null;
  };

  const actions: RowActions = {
    confirm(stream) {
      // Not sent, not shown as done, and focus stays: tt is not answering.
      if (stream.reviewed || refuseOffline('Confirming')) return;
      // In the queue the confirmed row folds away: focus takes the next one, which moves up into
      // its place, so the page does not jump. Outside review the row stays, and so does focus.
      const next = reviewMode && !showReviewed ? neighbour(stream.id) : stream.id;
      confirm.mutate(stream.id);
      focusStream(next);
      if (next) focusSoon(() => streamNameButton(next));
    },
    merge(stream) {
      if (refuseOffline('Merging')) return;
      openPicker({
        title: `Merge "${stream.name}" into…`,
        excludeIds: [stream.id],
        near: stream.places ?? [],
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
    // Scrolled to through the windowed list: the row may not be drawn yet, and is in a frame.
    if (table.current?.reveal(next.id)) streamNameButton(next.id)?.focus({ preventScroll: true });
    else focusSoon(() => streamNameButton(next.id));
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
      // A picker, the key list or ticked sessions have the keys: nothing falls through to the list.
      if (ui.picker || ui.helpOpen || ui.sessionSelection > 0) return;
      const { rows, current, actions, move } = latest.current;
      const stream = rows.find((s) => s.id === current);
      const inList = (event.target as HTMLElement | null)?.closest?.('.stream-list') !== null;
      const keys: Record<string, (() => void) | undefined> = {
        j: () => move(1),
        k: () => move(-1),
        ArrowDown: inList ? () => move(1) : undefined,
        ArrowUp: inList ? () => move(-1) : undefined,
        c: stream && (() => actions.confirm(stream)),
        e: stream && (() => !refuseOffline('Renaming') && ui.setRenaming(stream.id)),
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

  // `r` (or the Review button): the queue comes into view with its first stream focused, at
  // any window size (the timeline above may fill the window).
  const reviewEntered = useUi((s) => s.reviewEntered);
  const section = useRef<HTMLElement>(null);
  const handled = useRef(reviewEntered);
  useEffect(() => {
    if (!reviewMode || handled.current === reviewEntered) return;
    handled.current = reviewEntered;
    const first = queue[0]?.id ?? null;
    focusStream(first);
    // Scrolled only when the list's head and first row are not in sight already.
    const top = section.current?.getBoundingClientRect().top ?? 0;
    const inSight = top >= toolbarHeight() && top + QUEUE_HEAD_ROOM <= window.innerHeight;
    if (!inSight) window.scrollTo({ top: window.scrollY + top - toolbarHeight() - 8, behavior: 'instant' });
    if (first) focusSoon(() => streamNameButton(first));
  }, [reviewMode, reviewEntered, queue, focusStream]);

  return (
    <section className="stream-list" aria-labelledby="streams-heading" ref={section}>
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
        <StreamTable
          rows={rows}
          current={current}
          colorOf={colorOf}
          nameCounts={nameCounts}
          confirmingId={confirm.isPending ? confirm.variables : null}
          renaming={rename.isPending ? rename.variables : null}
          actions={rowActions}
          handle={table}
        />
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
