// While the app (or the dashboard) runs, it syncs through the sync folder every few minutes,
// and soon after a person's edit, so the other machines hear of it without anyone asking.
// Several edits in a row make one sync; two syncs never run at once.

/** How often a running app syncs when a sync folder is set. */
export const SYNC_INTERVAL_MS = 5 * 60_000;
/** How long after an edit the app syncs (edits in quick succession share one). */
export const SYNC_AFTER_EDIT_MS = 15_000;

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly sync: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = SYNC_AFTER_EDIT_MS,
  ) {}

  /** Runs a sync now, unless one is running. */
  async runNow(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = this.sync().catch(this.onError);
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Asks for a sync soon (after an edit). */
  soon(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow();
    }, this.delayMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
