import type { RedactionCounts } from '../../core/privacy/secret-scanner';

/** What one inference run changed, for InferResult: streams created, touched, removed. */
export class RunStats {
  /** Secrets replaced in what was sent (or, on a dry run, would be), by kind. */
  readonly redactions: RedactionCounts = {};
  /** Sessions kept from the LLM by the exclusions setting; entries the scanner failed on. */
  excludedSessions = 0;
  unscannedEntries = 0;
  readonly created = new Set<string>();
  readonly touched = new Set<string>();
  sessionsAssigned = 0;
  eventsAssigned = 0;
  removed = 0;
  /** Offline: the names of the live streams Claude inferred that hold sessions of the range. */
  llmStreams: string[] = [];

  noteStream(id: string, outcome: 'created' | 'renamed' | 'unchanged'): void {
    if (outcome === 'created') this.created.add(id);
    if (outcome === 'renamed') this.touched.add(id);
  }

  noteMove(from: string | undefined, to: string): void {
    if (from !== undefined) this.touched.add(from);
    this.touched.add(to);
  }

  updated(existing: (id: string) => boolean): number {
    return [...this.touched].filter((id) => !this.created.has(id) && existing(id)).length;
  }
}
