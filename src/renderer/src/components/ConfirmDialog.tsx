import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A question before something that costs or replaces: what will happen, in words, then the
 * action or Cancel (Escape cancels too). Open while `open` is true.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** false: nothing to confirm (the action button is off) */
  canConfirm?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { open } = props;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const headingId = `${props.testId}-heading`;
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={headingId}
      onClose={() => {
        if (open) props.onCancel();
      }}
      data-testid={props.testId}
    >
      <h2 id={headingId}>{props.title}</h2>
      <div className="confirm-body">{props.children}</div>
      <div className="confirm-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={props.canConfirm === false}
          onClick={props.onConfirm}
          autoFocus
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
