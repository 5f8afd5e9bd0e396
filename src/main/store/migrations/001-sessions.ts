import type { Migration } from '../migration';

// The seed plan's sessions table, with times as epoch milliseconds so that range queries
// and allocation compare integers, plus what allocation and review need from a transcript.
export const sessionsMigration: Migration = {
  version: 1,
  name: 'sessions',
  up: `
    CREATE TABLE sessions (
      session_id        TEXT PRIMARY KEY,
      parent_session_id TEXT,
      project_path      TEXT,
      project_name      TEXT,
      start_time        INTEGER NOT NULL,
      end_time          INTEGER,
      message_count     INTEGER NOT NULL DEFAULT 0,
      summary           TEXT,
      custom_title      TEXT,
      first_prompt      TEXT,
      is_subagent       INTEGER NOT NULL DEFAULT 0,
      source_path       TEXT,
      indexed_at        INTEGER NOT NULL
    );
    CREATE INDEX idx_sessions_start_time ON sessions(start_time);
    CREATE INDEX idx_sessions_end_time ON sessions(end_time);
    CREATE INDEX idx_sessions_project_path ON sessions(project_path);
    CREATE INDEX idx_sessions_parent ON sessions(parent_session_id);

    -- When the person sent a prompt in a session: direct-time signals.
    CREATE TABLE session_prompts (
      session_id TEXT NOT NULL,
      ts         INTEGER NOT NULL,
      PRIMARY KEY (session_id, ts)
    ) WITHOUT ROWID;
    CREATE INDEX idx_session_prompts_ts ON session_prompts(ts);

    -- Settings a person changed (JSON values); defaults live in code.
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- When each source was last brought up to date, for \`tt status\` and the app.
    CREATE TABLE sources (
      name            TEXT PRIMARY KEY,
      last_indexed_at INTEGER,
      detail          TEXT
    );
  `,
};
