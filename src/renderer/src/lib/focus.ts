/** A stream's name button in the stream list: where focus goes after an edit removes the focused control. */
export function streamNameButton(streamId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-stream-id="${CSS.escape(streamId)}"] .stream-name`);
}
