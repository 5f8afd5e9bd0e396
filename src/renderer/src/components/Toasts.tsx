import { useEffect, useRef } from 'react';
import { useStatus, useUndo } from '../api/queries';
import { undoLabel } from '../../../shared/wording';
import { useOnline } from '../state/connection-store';
import { useUi, type Toast } from '../state/ui-store';
import { useHeightVariable } from '../lib/use-height-variable';

/** "5 confirmed" for a folded streak of edits, else the toast's own title. */
const titleOf = (toast: Toast) =>
  toast.fold && (toast.count ?? 1) > 1 ? `${toast.count} ${toast.fold}` : toast.title;

/**
 * What was just done or went wrong, with Undo after an edit. Read out by screen readers. A
 * streak of edits of one kind is one toast; toasts saying tt was unreachable go when it answers
 * again; the list keeps the row under review clear of them (--toasts-height).
 */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismiss);
  const undo = useUndo();
  const online = useOnline();
  useEffect(() => {
    if (online) useUi.getState().dismissOffline();
  }, [online]);
  const box = useRef<HTMLDivElement>(null);
  useHeightVariable(box, '--toasts-height');
  // Undo reverts the last edit only: a toast offers it while its edit is that one, not after a newer edit or an undo.
  const lastEdit = useStatus().data?.lastEdit ?? null;
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts" ref={box}>
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid="toast">
          <div className="toast-body">
            <strong>{titleOf(toast)}</strong>
            {toast.fold && (toast.count ?? 1) > 1 && <div className="toast-detail">Last: {toast.title}</div>}
            {toast.detail && <div className="toast-detail">{toast.detail}</div>}
            {toast.hint && <div className="toast-hint">{toast.hint}</div>}
          </div>
          {toast.action && (
            <button
              type="button"
              onClick={() => {
                dismiss(toast.id);
                toast.action!.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          {toast.undoable && toast.edit !== undefined && toast.edit === lastEdit && (
            <button
              type="button"
              aria-label={undoLabel(toast.edit)}
              title={undoLabel(toast.edit)}
              onClick={() => {
                dismiss(toast.id);
                undo.mutate();
              }}
            >
              Undo
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
