import { useStatus, useUndo } from '../api/queries';
import { undoLabel } from '../../../shared/wording';
import { useUi } from '../state/ui-store';

/** What was just done or went wrong, with Undo after an edit. Read out by screen readers. */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismiss);
  const undo = useUndo();
  // Undo reverts the last edit only: a toast offers it while its edit is that one, not after a newer edit or an undo.
  const lastEdit = useStatus().data?.lastEdit ?? null;
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid="toast">
          <div className="toast-body">
            <strong>{toast.title}</strong>
            {toast.detail && <div className="toast-detail">{toast.detail}</div>}
            {toast.hint && <div className="toast-hint">{toast.hint}</div>}
          </div>
          {toast.undoable && (toast.edit ?? toast.title) === lastEdit && (
            <button
              type="button"
              aria-label={undoLabel(lastEdit)}
              title={undoLabel(lastEdit)}
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
