import type { ServiceEvent, TaskName } from '../shared/api';

export interface ProgressBar {
  update(event: ServiceEvent): void;
  stop(): void;
}

type ProgressEvent = Extract<ServiceEvent, { type: 'progress' }>;

/**
 * A progress bar on stderr that follows the service's progress events for one task.
 * cli-progress is loaded only here, when a terminal shows the bar. `format` may use
 * cli-progress's {bar}, {percentage}, {value}, {total} and any field `payload` returns.
 */
export async function startProgressBar(
  task: TaskName,
  format: string,
  payload: (event: ProgressEvent) => Record<string, string> = () => ({}),
): Promise<ProgressBar> {
  const { default: progress } = await import('cli-progress');
  const bar = new progress.SingleBar(
    { stream: process.stderr, format, hideCursor: true, clearOnComplete: true },
    progress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(event) {
      if (event.type !== 'progress' || event.task !== task) return;
      if (!started) {
        bar.start(Math.max(event.total, 1), event.done, payload(event));
        started = true;
      } else bar.update(event.done, payload(event));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
