import type { SkippedInput } from '../../../core/agents/agent-session';

// What a reader skipped, counted by reason, in the words the index summary shows.

export type SkipCounts = Map<string, number>;

export const HALF_WRITTEN_LINE = 'half-written last line (read once complete)';
export const OVERSIZED_LINE = 'line too long (skipped)';
export const REWRITTEN_FILE = 'rewritten in place (read again from the start)';

export function skippedList(counts: SkipCounts): SkippedInput[] {
  return [...counts].map(([reason, count]) => ({ reason, count }));
}
