import { useEffect, useRef } from 'react';
import { useUi } from '../state/ui-store';

/** Every key the app answers to, in the order a person learns them. */
const KEYS: [keys: string, what: string][] = [
  ['j / ↓', 'next stream'],
  ['k / ↑', 'previous stream'],
  ['Enter', "open the stream's sessions"],
  ['c', 'confirm the stream'],
  ['e', 'rename it'],
  ['m', 'merge it into… (type to filter, arrows, Enter)'],
  ['s', 'split: select its sessions (↓ / ↑ between them, Space, Shift+Space for a run)'],
  ['n', 'new stream from the selected sessions (Escape lets go of them)'],
  ['u / Ctrl+Z', 'undo'],
  ['Shift+U / Ctrl+Shift+Z', 'redo'],
  ['r', 'review mode on or off'],
  ['← / →', 'previous or next day or week'],
  ['t', 'today'],
  ['d / w', 'day or week'],
  ['+ / −', 'zoom'],
  ['Escape', 'close'],
  ['?', 'this list'],
];

/** The `?` overlay: the keys, in one place. */
export function KeyHelp() {
  const open = useUi((s) => s.helpOpen);
  const setOpen = useUi((s) => s.setHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="key-help"
      aria-labelledby="key-help-heading"
      onClose={() => setOpen(false)}
      data-testid="key-help"
    >
      <header className="section-header">
        <h2 id="key-help-heading">Keys</h2>
        <button type="button" className="icon-button" onClick={() => setOpen(false)} aria-label="Close">
          ×
        </button>
      </header>
      <dl>
        {KEYS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}

/** The short hint at the foot of the page; `?` has the rest. */
export function KeyHint() {
  return (
    <footer className="key-hint muted" data-testid="key-hint">
      <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>c</kbd> confirm · <kbd>e</kbd> rename · <kbd>m</kbd> merge ·{' '}
      <kbd>u</kbd> undo · <kbd>?</kbd> all keys
    </footer>
  );
}
