/** A stream's name button in the stream list: where focus goes after an edit removes the focused control. */
export function streamNameButton(streamId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-stream-id="${CSS.escape(streamId)}"] .stream-name`);
}

/** Whether a key press belongs to a field (typing), not to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(
    element?.closest?.(
      'input:not([type="checkbox"]), textarea, select, [contenteditable="true"], dialog[open], [role="dialog"]',
    ),
  );
}

/**
 * Focuses what `target` finds once the views have rendered the change (a few frames), without
 * scrolling the page: a row that took the place of another is already in view.
 */
export function focusSoon(target: () => HTMLElement | null): void {
  let frames = 30;
  const attempt = (): void => {
    const element = target();
    if (element) {
      element.focus({ preventScroll: true });
      if (document.activeElement === element) return;
    }
    if (--frames > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
