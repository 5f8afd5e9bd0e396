// The last few allocations, so that the views asking about the same range at once (the
// timeline and the stream list's totals for the week on screen, then the weeks either side
// that the page fetches ahead) share one computation instead of each making its own. Each entry
// keeps the input it was allocated from, so a view that regroups the same activity (Insights'
// agents, a session's share) does not read the range from the database again.

import type { Allocation, AllocationInput } from '../../core/time/allocation-types';
import type { TimeReadModel } from './time-read-model';

/** A range's allocation and the input it was allocated from. */
export interface Allocated {
  input: AllocationInput;
  allocation: Allocation;
}

/** The current week, the weeks either side of it, and a day or two. */
const ENTRIES = 8;

export class AllocationCache {
  private version = '';
  /** In the order used, the least recently used first. */
  private readonly entries = new Map<string, Allocated>();

  /** `reads` tells whether the database changed (TimeReadModel.databaseVersion). */
  constructor(private readonly reads: TimeReadModel) {}

  /** The allocation stored under `key` while the database is unchanged, else `compute()`'s. */
  get(key: string, compute: () => Allocated): Allocated {
    const version = this.reads.databaseVersion();
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
    const computed = compute();
    this.entries.set(key, computed);
    if (this.entries.size > ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return computed;
  }
}
