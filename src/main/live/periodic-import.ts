import type { ImportResult } from '../../shared/api';

export interface PeriodicImportOptions {
  intervalMs?: number;
  /** Told about each failure; the loop carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Imports the focus events that the tmux hook appended, every little while, so the timeline
 * of an open window stays current without anyone running `tt events import`.
 */
export function importEventsPeriodically(
  importEvents: () => Promise<ImportResult>,
  options: PeriodicImportOptions = {},
): () => void {
  let running = false;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      await importEvents();
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 30_000);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
