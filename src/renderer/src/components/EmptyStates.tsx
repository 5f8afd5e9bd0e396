import type { Settings } from '../../../shared/api';
import { TaskButtons } from './TaskButtons';
import { useUi } from '../state/ui-store';

/** The first thing a new user sees: where tt looked, and what to do. */
export function NoSessions({ settings }: { settings: Settings | undefined }) {
  const openSettings = useUi((s) => s.setSettingsOpen);
  return (
    <section className="empty-state" aria-labelledby="no-sessions-heading" data-testid="empty-no-sessions">
      <h2 id="no-sessions-heading">No Claude Code sessions yet</h2>
      <p>tt builds your timeline from the transcripts Claude Code writes. It looks in:</p>
      <ul className="paths">
        {(settings?.effectiveProjectRoots ?? []).map((root) => (
          <li key={root}>
            <code>{root}</code>
          </li>
        ))}
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
