import type { Migration } from '../migration';

// Why each session and focus event is in its stream, in words a person reads (issue 23):
// inference writes the rule that placed it, a person's edit says what they did and when.
// Rows placed before this version get the reason their row can still tell: the directory
// stream of their project, a person's word, Claude's group; else that it was placed before
// reasons were kept.
//
// edit_log.kind tells an inference run (logged so that undo takes it back, on this machine
// only) from a person's edit (journaled for sync, its undo and redo too).
export const PLACED_BEFORE_REASONS = 'placed before reasons were kept';

export const placementReasonsMigration: Migration = {
  version: 12,
  name: 'placement-reasons',
  up: `
    ALTER TABLE session_streams ADD COLUMN reason TEXT;
    ALTER TABLE event_streams ADD COLUMN reason TEXT;
    ALTER TABLE edit_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'person';
    UPDATE session_streams SET reason = CASE assigned_by
        WHEN 'directory' THEN 'its project and branch: "' ||
          COALESCE((SELECT name FROM streams WHERE id = session_streams.stream_id), '?') ||
          '" (${PLACED_BEFORE_REASONS})'
        WHEN 'llm' THEN 'Claude grouped it (${PLACED_BEFORE_REASONS})'
        WHEN 'user' THEN 'you placed or confirmed it here (${PLACED_BEFORE_REASONS})'
        ELSE '${PLACED_BEFORE_REASONS}' END;
    UPDATE event_streams SET reason = CASE assigned_by
        WHEN 'user' THEN 'you placed it here (${PLACED_BEFORE_REASONS})'
        ELSE 'focus near the stream''s sessions (${PLACED_BEFORE_REASONS})' END;
  `,
};
