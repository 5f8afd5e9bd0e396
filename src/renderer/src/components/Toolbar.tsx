import { useStatus, useUndo } from '../api/queries';
import { dayKey, formatDaySpan, rangeTitle, zoomLevelsFor, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';
import { TaskButtons } from './TaskButtons';

export function Toolbar({ range }: { range: Range }) {
  const { view, hoursVisible, reviewMode } = useUi();
  const { setView, step, today, zoom, toggleReview, setSettingsOpen } = useUi.getState();
  const undo = useUndo();
  // The service says what Undo would revert (edits from the CLI count too); nothing, and it is off.
  const lastEdit = useStatus().data?.lastEdit ?? null;
  const levels = zoomLevelsFor(range);
  return (
    <header className="toolbar">
      <div className="brand" aria-label="tt">
        tt
      </div>
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
      </div>
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
      <div className="spacer" />
      <button
        type="button"
        aria-pressed={reviewMode}
        onClick={toggleReview}
        title="Review mode (r)"
        aria-keyshortcuts="r"
      >
        Review
      </button>
      <button
        type="button"
        onClick={() => undo.mutate()}
        disabled={undo.isPending || lastEdit === null}
        aria-label={lastEdit ? `Undo: ${lastEdit}` : 'Undo (nothing to undo)'}
        title={lastEdit ? `Undo: ${lastEdit} (Ctrl+Z)` : 'Nothing to undo'}
        data-testid="undo"
        aria-keyshortcuts="Control+Z"
      >
        Undo
      </button>
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
