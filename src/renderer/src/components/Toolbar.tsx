import { MachineFilter } from './MachineFilter';
import { useRef } from 'react';
import { useRedo, useStatus, useUndo } from '../api/queries';
import { OFFLINE_REASON, useOnline } from '../state/connection-store';
import { dayKey, formatDaySpan, rangeTitle, zoomLevelsFor, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';
import { TaskButtons } from './TaskButtons';
import { undoLabel } from '../../../shared/wording';
import { useHeightVariable } from '../lib/use-height-variable';

export function Toolbar({ range }: { range: Range }) {
  const view = useUi((s) => s.view);
  const hoursVisible = useUi((s) => s.hoursVisible);
  const reviewMode = useUi((s) => s.reviewMode);
  const page = useUi((s) => s.page);
  const setPage = useUi((s) => s.setPage);
  const header = useRef<HTMLElement>(null);
  useHeightVariable(header, '--toolbar-height');
  const { setView, step, today, zoom, toggleReview, setSettingsOpen } = useUi.getState();
  const undo = useUndo();
  const redo = useRedo();
  const online = useOnline();
  // The service says what Undo would revert and Redo apply again (edits from the CLI count too); nothing, and it is off.
  const status = useStatus().data;
  const lastEdit = status?.lastEdit ?? null;
  const nextRedo = status?.nextRedo ?? null;
  const levels = zoomLevelsFor(range);
  return (
    <header className="toolbar" ref={header}>
      <div className="brand" aria-label="tt">
        tt
      </div>
      <nav className="segmented" aria-label="Page">
        {(
          [
            ['timeline', 'Timeline'],
            ['insights', 'Insights'],
            ['timesheet', 'Timesheet'],
          ] as const
        ).map(([name, label]) => (
          <button
            key={name}
            type="button"
            aria-current={page === name ? 'page' : undefined}
            aria-pressed={page === name}
            onClick={() => setPage(name)}
            data-testid={`page-${name}`}
          >
            {label}
          </button>
        ))}
      </nav>
      <nav className="range-nav" aria-label="Date">
        <button
          type="button"
          onClick={() => step(-1)}
          aria-label={`Previous ${view}`}
          title="Previous (←)"
          aria-keyshortcuts="ArrowLeft"
        >
          ‹
        </button>
        <button type="button" onClick={today} title="Today (t)" aria-keyshortcuts="t">
          Today
        </button>
        <button
          type="button"
          onClick={() => step(1)}
          aria-label={`Next ${view}`}
          title="Next (→)"
          aria-keyshortcuts="ArrowRight"
        >
          ›
        </button>
        <LatestActivityButton />
        <h1 className="range-title" data-testid="range-title">
          {rangeTitle(view, range)}
        </h1>
        <DateFields />
        <MachineFilter />
      </nav>
      <div className="segmented" role="group" aria-label="View">
        <button
          type="button"
          aria-pressed={view === 'day'}
          onClick={() => setView('day')}
          title="Day (d)"
          aria-keyshortcuts="d"
        >
          Day
        </button>
        <button
          type="button"
          aria-pressed={view === 'week'}
          onClick={() => setView('week')}
          title="Week (w)"
          aria-keyshortcuts="w"
        >
          Week
        </button>
        <button
          type="button"
          aria-pressed={view === 'range'}
          onClick={() => setView('range')}
          title="Choose the first and last day"
        >
          Range
        </button>
      </div>
      {page === 'timeline' && (
        <div className="segmented" role="group" aria-label="Zoom">
          <button
            type="button"
            onClick={() => zoom(-1)}
            disabled={hoursVisible === levels[0]}
            aria-label="Zoom out"
            aria-keyshortcuts="-"
            title="Zoom out (−)"
          >
            −
          </button>
          <span className="zoom-level" aria-live="polite" data-testid="zoom-level">
            {hoursVisible >= 24 && hoursVisible % 24 === 0 ? `${hoursVisible / 24}d` : `${hoursVisible}h`}
          </span>
          <button
            type="button"
            onClick={() => zoom(1)}
            disabled={hoursVisible === levels[levels.length - 1]}
            aria-label="Zoom in"
            aria-keyshortcuts="+"
            title="Zoom in (+)"
          >
            +
          </button>
        </div>
      )}
      <div className="spacer" />
      {page === 'timeline' && (
        <button
          type="button"
          aria-pressed={reviewMode}
          onClick={toggleReview}
          title="Review mode (r)"
          aria-keyshortcuts="r"
        >
          Review
        </button>
      )}
      <div className="segmented" role="group" aria-label="Edits">
        <button
          type="button"
          onClick={() => undo.mutate()}
          disabled={undo.isPending || lastEdit === null || !online}
          aria-label={lastEdit ? undoLabel(lastEdit) : 'Undo (nothing to undo)'}
          title={!online ? OFFLINE_REASON : lastEdit ? `${undoLabel(lastEdit)} (Ctrl+Z)` : 'Nothing to undo'}
          data-testid="undo"
          aria-keyshortcuts="Control+Z u"
        >
          Undo
        </button>
        <button
          type="button"
          onClick={() => redo.mutate()}
          disabled={redo.isPending || nextRedo === null || !online}
          aria-label={nextRedo ? `Redo: ${nextRedo}` : 'Redo (nothing to redo)'}
          title={!online ? OFFLINE_REASON : nextRedo ? `Redo: ${nextRedo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          data-testid="redo"
          aria-keyshortcuts="Control+Shift+Z Shift+U"
        >
          Redo
        </button>
      </div>
      <TaskButtons range={range} />
      <button type="button" onClick={() => setSettingsOpen(true)} aria-label="Settings" title="Settings">
        ⚙
      </button>
    </header>
  );
}

/** Always there: the day of the latest session indexed, whatever is on screen. */
function LatestActivityButton() {
  const latest = useStatus().data?.latestActivity ?? null;
  const setDay = useUi((s) => s.setDay);
  return (
    <button
      type="button"
      onClick={() => latest !== null && setDay(dayKey(latest))}
      disabled={latest === null}
      title={
        latest === null
          ? 'Nothing indexed yet'
          : `Go to the latest activity (${formatDaySpan(latest, latest)})`
      }
      data-testid="latest-activity"
    >
      Latest
    </button>
  );
}

/**
 * A typed (or picked) date: "Go to" in day and week view; "From" and "To" for a chosen range.
 * The browser's date field takes a typed date and only reports complete, valid ones.
 */
function DateFields() {
  const view = useUi((s) => s.view);
  const day = useUi((s) => s.day);
  const until = useUi((s) => s.until);
  const { setDay, setCustomRange } = useUi.getState();
  const valid = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (view !== 'range') {
    return (
      <label className="date-field">
        <span className="go-to-label">Go to</span>
        <input
          type="date"
          value={day}
          onChange={(event) => valid(event.target.value) && setDay(event.target.value)}
          data-testid="go-to-date"
        />
      </label>
    );
  }
  return (
    <span className="date-fields" role="group" aria-label="Range">
      <label className="date-field">
        <span>From</span>
        <input
          type="date"
          value={day}
          onChange={(event) => valid(event.target.value) && setCustomRange(event.target.value, until ?? day)}
          data-testid="range-from"
        />
      </label>
      <label className="date-field">
        <span>To</span>
        <input
          type="date"
          value={until ?? day}
          min={day}
          onChange={(event) => valid(event.target.value) && setCustomRange(day, event.target.value)}
          data-testid="range-to"
        />
      </label>
    </span>
  );
}
