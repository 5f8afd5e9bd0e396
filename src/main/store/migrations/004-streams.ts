import type { Migration } from '../migration';

// Streams and the assignments of sessions and events to them. A person's word is recorded
// (assigned_by = 'user', name_locked, reviewed) so that re-running inference respects it,
// and every edit is logged with what it takes to undo it. A stream merged into another stays
// as a row with merged_into set, so that inference that proposes it again lands in the target.
export const streamsMigration: Migration = {
  version: 4,
  name: 'streams',
  up: `
    CREATE TABLE streams (
      id             TEXT PRIMARY KEY,
      name           TEXT NOT NULL,
      confidence     REAL NOT NULL,
      source         TEXT NOT NULL CHECK (source IN ('directory', 'llm', 'user')),
      reviewed       INTEGER NOT NULL DEFAULT 0,
      name_locked    INTEGER NOT NULL DEFAULT 0,
      project_key    TEXT,
      first_activity INTEGER,
      last_activity  INTEGER,
      created_at     INTEGER NOT NULL,
      updated_at     INTEGER NOT NULL,
      merged_into    TEXT REFERENCES streams(id)
    );
    CREATE INDEX idx_streams_project_key ON streams(project_key);

    CREATE TABLE session_streams (
      session_id  TEXT PRIMARY KEY,
      stream_id   TEXT NOT NULL REFERENCES streams(id),
      assigned_by TEXT NOT NULL CHECK (assigned_by IN ('directory', 'llm', 'user')),
      confidence  REAL NOT NULL DEFAULT 1.0
    );
    CREATE INDEX idx_session_streams_stream ON session_streams(stream_id);

    CREATE TABLE event_streams (
      event_id    TEXT PRIMARY KEY,
      stream_id   TEXT NOT NULL REFERENCES streams(id),
      assigned_by TEXT NOT NULL CHECK (assigned_by IN ('directory', 'llm', 'user'))
    );
    CREATE INDEX idx_event_streams_stream ON event_streams(stream_id);

    -- Undo log of a person's edits: what was done, in words, and the rows to restore.
    CREATE TABLE edit_log (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      at          INTEGER NOT NULL,
      description TEXT NOT NULL,
      undo        TEXT NOT NULL,
      undone      INTEGER NOT NULL DEFAULT 0
    );
  `,
};
