export interface PeriodicOptions {
  intervalMs: number;
  /** Told about each failure; the loop carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Runs a task now and then every `intervalMs`, never two at once, until stopped. The app and
 * the dashboard use it to keep open views current without anyone asking: importing the focus
 * events the tmux hook appended, and indexing new Claude Code transcripts.
 */
export function runPeriodically(task: () => Promise<unknown>, options: PeriodicOptions): () => void {
  let running = false;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      await task();
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** How often the hosts import focus events and look for new transcripts. */
export const EVENT_IMPORT_INTERVAL_MS = 30_000;
export const BACKGROUND_INDEX_INTERVAL_MS = 2 * 60_000;
