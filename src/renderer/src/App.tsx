import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import {
  useLiveUpdates,
  useSettings,
  useStatus,
  useStreams,
  usePrefetchNeighbours,
  useTimeline,
  useUndo,
  useRedo,
} from './api/queries';
import type { ApiCallError } from '../../shared/renderer-api';
import { ConnectionBanner, useStale } from './components/ConnectionBanner';
import { EmptyRange, NoFocusEvents, NoSessions, RangeNoticeBar } from './components/EmptyStates';
import { KeyHelp, KeyHint } from './components/KeyHelp';
import { SettingsDialog } from './components/SettingsDialog';
import { StreamDetail } from './components/StreamDetail';
import { StreamList } from './components/StreamList';
import { StreamPicker } from './components/StreamPicker';
import { Timeline } from './components/Timeline';
import { Toasts } from './components/Toasts';
import { Toolbar } from './components/Toolbar';
import { TimesheetView } from './components/TimesheetView';
import { ManualEntryButton } from './components/ManualEntryDialog';
import { explainError } from './lib/errors';
import { useShortcuts } from './lib/shortcuts';
import { formatDuration } from './lib/time';
import { FIGURES } from '../../shared/wording';
import { useNeighbourRanges, useRange, useUi } from './state/ui-store';
import { useArriveAtWork } from './lib/new-work';

// Loaded when first opened: the charting library must not slow the timeline's first paint.
const InsightsPage = lazy(() => import('./components/Insights').then((m) => ({ default: m.InsightsPage })));

const EVENTS_NOTICE_KEY = 'tt.noFocusEventsNotice';

export function App() {
  useLiveUpdates();
  const undo = useUndo();
  const redo = useRedo();
  useShortcuts(undo.mutate, redo.mutate);
  const range = useRange();
  const status = useStatus();
  const settings = useSettings();
  // Dismissed once, it stays dismissed (a person without tmux would otherwise see it every day).
  const [eventsNoticeHidden, setEventsNoticeHidden] = useState(
    () => localStorage.getItem(EVENTS_NOTICE_KEY) === 'hidden',
  );

  const noSessions = status.data?.counts.sessions === 0;
  const page = useUi((s) => s.page);
  const stale = useStale();
  return (
    <div className="app">
      <Toolbar range={range} />
      <main className={stale ? 'content stale' : 'content'} aria-busy={stale || undefined}>
        <ConnectionBanner />
        {status.isError && <ErrorNotice error={status.error} doing="Reaching tt" />}
        {noSessions ? (
          <NoSessions settings={settings.data} />
        ) : (
          <>
            {status.data?.counts.events === 0 && !eventsNoticeHidden && (
              <NoFocusEvents
                onDismiss={() => {
                  localStorage.setItem(EVENTS_NOTICE_KEY, 'hidden');
                  setEventsNoticeHidden(true);
                }}
              />
            )}
            {page === 'insights' && (
              <Suspense fallback={<p className="muted">Loading Insights…</p>}>
                <InsightsPage range={range} />
              </Suspense>
            )}
            {page === 'timesheet' && <TimesheetView range={range} />}
            {page === 'timeline' && <RangeView range={range} shownError={status.error?.message ?? null} />}
          </>
        )}
      </main>
      <KeyHint />
      <KeyHelp />
      <SettingsDialog />
      <Toasts />
    </div>
  );
}

/** `shownError`: a message already on screen (tt unreachable makes every query fail alike). */
function RangeView({
  range,
  shownError,
}: {
  range: { start: number; end: number };
  shownError: string | null;
}) {
  const timeline = useTimeline(range);
  // Every stream, with its totals for the range on screen (the list shows those with activity;
  // review mode shows them all). All-time totals would cost a year's allocation on every change.
  const streams = useStreams(range);
  const shown = (q: { isSuccess: boolean; isPlaceholderData: boolean }) =>
    q.isSuccess && !q.isPlaceholderData;
  usePrefetchNeighbours(useNeighbourRanges(), shown(timeline) && shown(streams));
  const selectedId = useUi((s) => s.selectedStreamId);

  const selected = (streams.data ?? []).find((s) => s.id === selectedId) ?? null;
  const empty = timeline.data && timeline.data.lanes.length === 0;
  // A first run (or a day without work) goes to the work by itself once an index has found it.
  useArriveAtWork(Boolean(empty) && shown(timeline), useStatus().data?.latestActivity ?? null);
  // Drawn again only when its data changes: an edit in the stream list must not redraw every lane.
  const timelineView = useMemo(
    () => (timeline.data && !empty ? <Timeline data={timeline.data} range={range} /> : null),
    [timeline.data, empty, range],
  );

  // The list follows the lanes: drawn after them, in the background, so a new range paints its
  // timeline first and 100+ rows of totals never hold that frame back.
  const list = useDeferredValue(
    useMemo(() => (streams.data ? { streams: streams.data, range } : null), [streams.data, range]),
  );

  return (
    <>
      {timeline.data && (
        // Dimmed while the range's own figures are on their way: the last range's stay until then.
        <p
          className={timeline.isPlaceholderData ? 'totals loading' : 'totals'}
          data-testid="range-totals"
          aria-busy={timeline.isPlaceholderData || undefined}
        >
          {(['direct', 'delegated', 'waiting', 'active'] as const).map((figure) => (
            <span key={figure} title={FIGURES[figure].meaning} data-testid={`figure-${figure}`}>
              {FIGURES[figure].name}{' '}
              <strong data-testid={`total-${figure}`}>
                {formatDuration(timeline.data.totals[`${figure}Ms`])}
              </strong>
            </span>
          ))}
          {streams.data && <ManualEntryButton range={range} streams={streams.data} />}
        </p>
      )}
      {timeline.isError && timeline.error.message !== shownError && (
        <ErrorNotice error={timeline.error} doing="The timeline" />
      )}
      {timeline.isPending && <p className="muted">Loading the timeline…</p>}
      <RangeNoticeBar />
      {empty && <EmptyRange range={range} />}
      {timelineView}
      <div className="lower">
        {streams.isError && ![shownError, timeline.error?.message].includes(streams.error.message) && (
          <ErrorNotice error={streams.error} doing="The stream list" />
        )}
        {list && <StreamList streams={list.streams} range={list.range} />}
        {selected && (
          <StreamDetail key={selected.id} stream={selected} streams={streams.data ?? []} range={range} />
        )}
      </div>
      {streams.data && <StreamPicker streams={streams.data} />}
    </>
  );
}

function ErrorNotice({ error, doing }: { error: Error; doing: string }) {
  // tt not answering at all is the connection banner's to say, once.
  if ((error as ApiCallError).kind === 'unreachable') return null;
  const explained = explainError(error, doing);
  return (
    <div role="alert" className="error-banner">
      <strong>{explained.title}</strong>
      <div>{explained.detail}</div>
      {explained.hint && <div className="muted">{explained.hint}</div>}
    </div>
  );
}
