import type { Migration } from '../migration';

// What incremental indexing and delegated time need from transcripts.
export const sessionIndexMigration: Migration = {
  version: 2,
  name: 'session-index',
  up: `
    ALTER TABLE sessions ADD COLUMN agent_type TEXT;

    -- A summary record may sit in another session's file and name the message it describes
    -- by leafUuid. Sessions keep their last message's uuid, and summaries are kept by leaf,
    -- so that whichever file is indexed first, the summary finds its session.
    ALTER TABLE sessions ADD COLUMN last_message_uuid TEXT;
    CREATE INDEX idx_sessions_last_message_uuid ON sessions(last_message_uuid);
    CREATE TABLE summary_leaves (
      leaf_uuid         TEXT PRIMARY KEY,
      summary           TEXT NOT NULL,
      source_session_id TEXT NOT NULL
    );

    -- When an agent was working: its record timestamps merged into spans wherever two
    -- consecutive records are at most ACTIVITY_SPAN_GAP_MS apart (5 minutes). Allocation
    -- re-merges them with the configured session timeout (≥ 5 minutes), so nothing is lost.
    CREATE TABLE session_activity (
      session_id TEXT NOT NULL,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL,
      PRIMARY KEY (session_id, start_ms)
    ) WITHOUT ROWID;
    CREATE INDEX idx_session_activity_end ON session_activity(end_ms);

    -- One row per transcript file seen: enough to skip it when unchanged and to resume
    -- reading where the last run stopped when it only grew.
    CREATE TABLE indexed_files (
      path        TEXT PRIMARY KEY,
      session_id  TEXT,
      size        INTEGER NOT NULL,
      mtime_ms    INTEGER NOT NULL,
      read_offset INTEGER NOT NULL,
      parser_state TEXT,
      status      TEXT NOT NULL,
      error       TEXT,
      indexed_at  INTEGER NOT NULL
    );
    CREATE INDEX idx_indexed_files_session ON indexed_files(session_id);
  `,
};
