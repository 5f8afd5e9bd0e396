import { useEffect } from 'react';
import { useUi } from '../state/ui-store';
import { isTyping } from './focus';

/** Keys that move around the timeline; never while typing in a field. */
export function useShortcuts(onUndo: () => void, onRedo: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = isTyping(target);
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        if (typing) return; // the field's own undo and redo
        event.preventDefault();
        if (event.shiftKey) onRedo();
        else onUndo();
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      // In the zoomed-in timeline the arrow keys scroll it (the browser's own behaviour).
      if (event.key.startsWith('Arrow') && target?.closest('[data-scrolls-sideways]')) return;
      const ui = useUi.getState();
      // A picker or ticked sessions have the keys (their own Escape, Enter, n): no letter may
      // fall through to the page (a `t` would leave the day, an `e` rename another stream).
      if (ui.picker || ui.sessionSelection > 0) return;
      if (event.key === 'n') {
        event.preventDefault();
        ui.toast({
          tone: 'info',
          title: 'No sessions selected: n makes a stream of the sessions you tick',
          hint: 'Open a stream (Enter), press s, then Space on each session to take.',
        });
        return;
      }
      const actions: Record<string, () => void> = {
        ArrowLeft: () => ui.step(-1),
        ArrowRight: () => ui.step(1),
        t: ui.today,
        d: () => ui.setView('day'),
        w: () => ui.setView('week'),
        '+': () => ui.zoom(1),
        '=': () => ui.zoom(1),
        '-': () => ui.zoom(-1),
        r: ui.toggleReview,
        u: onUndo,
        U: onRedo,
        '?': () => ui.setHelpOpen(!ui.helpOpen),
        Escape: () => (ui.helpOpen ? ui.setHelpOpen(false) : ui.select(null)),
      };
      const action = actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onUndo, onRedo]);
}
