/** The parts of a BrowserWindow that closing-to-tray needs; tests pass a fake. */
export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  hide(): void;
}

/**
 * Closing the window hides it: tt keeps running in the tray (indexing, importing focus
 * events) until the person chooses Quit, which sets `isQuitting`.
 */
export function keepInTrayOnClose(window: HideableWindow, isQuitting: () => boolean): void {
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
}
