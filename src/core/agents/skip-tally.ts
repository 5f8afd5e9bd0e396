import type { SkippedInput } from './agent-session';

/** Counts what an adapter skipped, by a reason a person can read, in the order first seen. */
export class SkipTally {
  private readonly counts = new Map<string, number>();

  add(reason: string, count = 1): void {
    if (count > 0) this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  addAll(skipped: readonly SkippedInput[]): void {
    for (const s of skipped) this.add(s.reason, s.count);
  }

  list(): SkippedInput[] {
    return [...this.counts].map(([reason, count]) => ({ reason, count }));
  }
}
