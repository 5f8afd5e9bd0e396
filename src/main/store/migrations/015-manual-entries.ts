import type { Migration } from '../migration';

// Time a person adds by hand (issue 22): a meeting, a call, work away from the terminal. An
// entry holds [start_ms, end_ms) on a stream, with a note, and counts as direct time in every
// view (core/time/allocate.ts). Entries are a person's edits: undone and redone through the
// edit log, and synced to other machines as clock-stamped ops (register `manual:<id>`), so
// their ids are UUIDs. machine_id is where the entry was made (for the machine filter and
// `tt report --by machine`).
export const manualEntriesMigration: Migration = {
  version: 15,
  name: 'manual-entries',
  up: `
    CREATE TABLE manual_entries (
      id         TEXT PRIMARY KEY,
      stream_id  TEXT NOT NULL,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL CHECK (end_ms > start_ms),
      note       TEXT NOT NULL DEFAULT '',
      machine_id TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX idx_manual_entries_time ON manual_entries(start_ms, end_ms);
  `,
};
