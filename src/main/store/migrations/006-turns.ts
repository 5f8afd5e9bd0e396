import type { Migration } from '../migration';

/** indexed_files.error of a transcript this migration asks to be read again from its start. */
export const REREAD_FOR_TURNS_MARK = 'reread: turns';

/** STORED_SPAN_MAX_MS as this migration knew it: a migration never changes once released. */
const DAY_MS = 24 * 60 * 60_000;

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
    -- Found by start: no row is longer than a day (STORED_SPAN_MAX_MS in core/transcript/turns.ts).
    CREATE INDEX idx_session_time_spans_start ON session_time_spans(start_ms);
    CREATE INDEX idx_session_time_spans_turn ON session_time_spans(session_id, turn_start);

    -- Until then, every session keeps the time it had: its activity spans (or, without any,
    -- its first and last record) as one turn (join_key 0), joined across the session timeout.
    -- Re-reading a transcript replaces them with its turns; a deleted transcript keeps them.
    WITH RECURSIVE pieces(session_id, s, e) AS (
      SELECT session_id, start_ms, end_ms FROM session_activity
      UNION ALL SELECT session_id, s + ${DAY_MS}, e FROM pieces WHERE e - s > ${DAY_MS}
    )
    INSERT OR IGNORE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
      SELECT session_id, 'agent', 0, 0, s, min(e, s + ${DAY_MS}) FROM pieces;
    INSERT OR IGNORE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
      SELECT session_id, 'agent', 0, 0, start_time, start_time FROM sessions s
       WHERE NOT EXISTS (SELECT 1 FROM session_activity a WHERE a.session_id = s.session_id);
    INSERT OR IGNORE INTO session_time_spans (session_id, kind, turn_start, join_key, start_ms, end_ms)
      SELECT session_id, 'agent', 0, 0, coalesce(end_time, start_time), coalesce(end_time, start_time)
        FROM sessions s
       WHERE NOT EXISTS (SELECT 1 FROM session_activity a WHERE a.session_id = s.session_id);

    -- Transcripts indexed before turns were recorded are read once more from the start
    -- (size -1 never matches a file, no parser state means no resume); the indexer says so.
    UPDATE indexed_files SET size = -1, read_offset = 0, parser_state = NULL, error = '${REREAD_FOR_TURNS_MARK}'
     WHERE status IN ('ok', 'no-messages');

    -- Away periods (idle-start / idle-end events): what said so (idle, lock, suspend, tmux-detached, …).
    ALTER TABLE events ADD COLUMN detail TEXT;
  `,
};
