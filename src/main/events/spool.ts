// The spool: the file that `tt ingest` appends focus events to, one JSON line each, and that
// the importer reads into the database. Appending needs no SQLite, so a tmux hook costs
// only Node's startup. Shared by the writer and the importer; imports nothing.
import { join } from 'node:path';

/**
 * One spool file per month (UTC) of the events in it, `events-2026-11.jsonl`: a writer only
 * ever appends to the current month's file, so the importer can delete an older one once it
 * has read all of it, and the spool never grows without bound.
 */
export const SPOOL_FILE_PATTERN = /^events-\d{4}-\d{2}\.jsonl$/;
/** The last appended event, so that a repeated identical focus within 500 ms is recorded once. */
export const LAST_EVENT_FILE_NAME = 'events.last';
/** Where the hook writes what went wrong, since it must never write into a terminal pane. */
export const INGEST_LOG_FILE_NAME = 'ingest.log';

/** idle-start: a tmux client detached (its re-attach is a pane-focus, which ends the away period). */
export const SPOOLED_EVENT_TYPES = ['pane-focus', 'scroll', 'idle-start'] as const;
export type SpooledEventType = (typeof SPOOLED_EVENT_TYPES)[number];

/** One line of the spool. Short keys: the file grows by a line per focus change. */
export interface SpooledEvent {
  ts: number;
  type: SpooledEventType;
  pane: string | null;
  cwd: string | null;
  session: string | null;
  window: number | null;
}

/** The spool file that an event recorded at `now` goes to. */
export function spoolPath(dataDir: string, now: number): string {
  const date = new Date(now);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return join(dataDir, `events-${date.getUTCFullYear()}-${month}.jsonl`);
}

export function isSpooledEventType(value: unknown): value is SpooledEventType {
  return (SPOOLED_EVENT_TYPES as readonly unknown[]).includes(value);
}
