import type { Migration } from '../migration';

/** indexed_files.error of a transcript this migration asks to be read again from its start. */
export const REREAD_FOR_TURNS_MARK = 'reread: turns';

// Agent turns and waiting time (core/transcript/turns.ts), and why a person was away.
export const turnsMigration: Migration = {
  version: 6,
  name: 'turns',
  up: `
    -- One row per stretch of a turn: kind 'agent' (working; rows with the same join_key are
    -- joined across silences up to the session timeout), 'handback' (finished, until the next
    -- prompt) or 'pending' (a question or permission request until answered). A turn's rows
    -- share turn_start, so the turn still open at the end of a read is replaced as a whole.
    CREATE TABLE session_time_spans (
      session_id TEXT NOT NULL,
      kind       TEXT NOT NULL CHECK (kind IN ('agent', 'handback', 'pending')),
      turn_start INTEGER NOT NULL,
      join_key   INTEGER NOT NULL,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL,
      PRIMARY KEY (session_id, kind, start_ms)
    ) WITHOUT ROWID;
    CREATE INDEX idx_session_time_spans_end ON session_time_spans(end_ms);
    CREATE INDEX idx_session_time_spans_turn ON session_time_spans(session_id, turn_start);

    -- Transcripts indexed before turns were recorded are read once more from the start
    -- (size -1 never matches a file, no parser state means no resume); the indexer says so.
    UPDATE indexed_files SET size = -1, read_offset = 0, parser_state = NULL, error = '${REREAD_FOR_TURNS_MARK}'
     WHERE status IN ('ok', 'no-messages');

    -- Away periods (idle-start / idle-end events): what said so (idle, lock, suspend, tmux-detached, …).
    ALTER TABLE events ADD COLUMN detail TEXT;
  `,
};
