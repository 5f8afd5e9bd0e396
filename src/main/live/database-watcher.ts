import type { Database } from 'better-sqlite3';
import type { ChangeTopic, ServiceEvent } from '../../shared/api';

export const ALL_TOPICS: ChangeTopic[] = ['sessions', 'events', 'streams', 'settings'];

export interface DatabaseWatcherOptions {
  intervalMs?: number;
}

/**
 * Notices writes by another process (the CLI, a second app) to the shared database.
 * `PRAGMA data_version` changes on this connection whenever another connection commits,
 * and not for our own writes (the service announces those itself), so polling it is cheap
 * and precise. It cannot say what changed, so every topic is announced.
 */
export function watchDatabase(
  db: Database,
  emit: (event: ServiceEvent) => void,
  options: DatabaseWatcherOptions = {},
): () => void {
  const read = (): number => db.pragma('data_version', { simple: true }) as number;
  let last = read();
  const timer = setInterval(() => {
    let current: number;
    try {
      current = read();
    } catch {
      return; // closed or busy: try again next tick
    }
    if (current !== last) {
      last = current;
      emit({ type: 'changed', topics: ALL_TOPICS });
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
