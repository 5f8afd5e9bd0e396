import type { Settings } from '../../../shared/api';
import { TaskButtons } from './TaskButtons';
import { useMachines, useStatus } from '../api/queries';
import { dayKey, formatDaySpan, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';

/** The first thing a new user sees: where tt looked, and what to do. */
export function NoSessions({ settings }: { settings: Settings | undefined }) {
  const openSettings = useUi((s) => s.setSettingsOpen);
  return (
    <section className="empty-state" aria-labelledby="no-sessions-heading" data-testid="empty-no-sessions">
      <h2 id="no-sessions-heading">No agent sessions yet</h2>
      <p>tt builds your timeline from the sessions your coding agents write. It looks in:</p>
      <ul className="paths">
        {(settings?.sessionSources ?? [])
          .filter((source) => source.enabled)
          .flatMap((source) =>
            source.roots.map((root) => (
              <li key={root}>
                <code>{root}</code> ({source.label})
              </li>
            )),
          )}
      </ul>
      <p>Index them now, or point tt at another folder in Settings.</p>
      <div className="empty-actions">
        <TaskButtons />
        <button type="button" onClick={() => openSettings(true)}>
          Settings
        </button>
      </div>
    </section>
  );
}

export function NoFocusEvents({ onDismiss }: { onDismiss: () => void }) {
  return (
    <aside className="notice" aria-labelledby="no-events-heading" data-testid="empty-no-events">
      <div>
        <h2 id="no-events-heading">No focus events yet</h2>
        <p>
          Direct time is most accurate when tt knows which terminal pane you are looking at. Set up the tmux
          hook once:
        </p>
        <pre>
          <code>{'tt hook tmux --install\ntmux source-file ~/.tmux.conf   # then detach and re-attach'}</code>
        </pre>
      </div>
      <button type="button" className="icon-button" aria-label="Hide this notice" onClick={onDismiss}>
        ×
      </button>
    </aside>
  );
}

/** A range with nothing in it names the next step: the latest activity, or indexing. */
export function EmptyRange({ range }: { range: Range }) {
  const latest = useStatus().data?.latestActivity ?? null;
  const setDay = useUi((s) => s.setDay);
  const machine = useUi((s) => s.machine);
  const machines = useMachines().data ?? [];
  const elsewhere = latest !== null && (latest < range.start || latest >= range.end);
  if (machine !== null) {
    // The filter hides the work, not the range: name it, and offer the way out.
    const named = machines.find((m) => m.id === machine);
    const name = named ? (named.isLocal ? `${named.name} (this machine)` : named.name) : 'this machine';
    return (
      <div className="empty-range" data-testid="empty-range">
        <p>Nothing recorded on {name} in this range: the machine filter shows only its work.</p>
        <button type="button" className="primary" onClick={() => useUi.getState().setMachine(null)}>
          Show every machine
        </button>
      </div>
    );
  }
  return (
    <div className="empty-range" data-testid="empty-range">
      {elsewhere ? (
        <>
          <p>Nothing recorded in this range. The latest activity was on {formatDaySpan(latest, latest)}.</p>
          <button type="button" className="primary" onClick={() => setDay(dayKey(latest))}>
            Go to the latest activity
          </button>
        </>
      ) : (
        <p>Nothing recorded in this range. Index now reads new Claude Code sessions.</p>
      )}
    </div>
  );
}

/** Why this range is on screen, when tt chose it ("Index now found 12 sessions …; showing them"). */
export function RangeNoticeBar() {
  const notice = useUi((s) => s.rangeNotice);
  const view = useUi((s) => s.view);
  const day = useUi((s) => s.day);
  const dismiss = useUi((s) => s.dismissRangeNotice);
  if (!notice || notice.view !== view || notice.day !== day) return null;
  return (
    <aside className="notice" data-testid="range-notice" aria-live="polite">
      <div>{notice.text}</div>
      <button type="button" className="icon-button" aria-label="Hide this notice" onClick={dismiss}>
        ×
      </button>
    </aside>
  );
}
