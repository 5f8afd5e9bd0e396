import type { ServiceEvent } from '../shared/api';

/** A tiny typed fan-out: the IPC bridge, the dashboard's SSE stream and the tray all listen. */
export class ServiceEventBus {
  private readonly listeners = new Set<(event: ServiceEvent) => void>();

  emit(event: ServiceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken view must not stop the others from hearing about the change.
      }
    }
  }

  onEvent(listener: (event: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
