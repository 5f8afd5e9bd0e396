// The last few allocations, so that the views asking about the same range at once (the
// timeline and the stream list's totals for the week on screen, then the weeks either side
// that the page fetches ahead) share one computation instead of each making its own.

import type { Database } from 'better-sqlite3';
import type { Allocation } from '../../core/time/allocation-types';

/** The current week, the weeks either side of it, and a day or two. */
const ENTRIES = 8;

/**
 * What the database holds, as a value that changes with every write: `data_version` moves when
 * another connection commits (the CLI, a worker, a second app), `total_changes()` when this
 * one writes. An unchanged pair means every table reads as before.
 */
export function databaseVersion(db: Database): string {
  const [dataVersion, ownChanges] = db
    .prepare('SELECT data_version, total_changes() FROM pragma_data_version')
    .raw()
    .get() as [number, number];
  return `${dataVersion}:${ownChanges}`;
}

export class AllocationCache {
  private version = '';
  /** In the order used, the least recently used first. */
  private readonly entries = new Map<string, Allocation>();

  constructor(private readonly db: Database) {}

  /** The allocation stored under `key` while the database is unchanged, else `compute()`'s. */
  get(key: string, compute: () => Allocation): Allocation {
    const version = databaseVersion(this.db);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const allocation = compute();
    this.entries.set(key, allocation);
    if (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return allocation;
  }
}
