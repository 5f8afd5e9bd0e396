import type { Migration } from '../migration';

// Focus events from tmux (and idle periods from the app), with the project identity
// resolved at import. Raw observations: inference never rewrites them.
export const eventsMigration: Migration = {
  version: 3,
  name: 'events',
  up: `
    CREATE TABLE events (
      id              TEXT PRIMARY KEY,
      ts              INTEGER NOT NULL,
      type            TEXT NOT NULL,
      pane_id         TEXT,
      tmux_session    TEXT,
      window_index    INTEGER,
      cwd             TEXT,
      project_name    TEXT,
      workspace_name  TEXT,
      identity_source TEXT,
      imported_at     INTEGER NOT NULL
    );
    CREATE INDEX idx_events_ts ON events(ts);

    -- How far each spool file of appended events has been imported.
    CREATE TABLE event_spool_state (
      path        TEXT PRIMARY KEY,
      read_offset INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );
  `,
};
