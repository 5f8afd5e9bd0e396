import type { Database } from 'better-sqlite3';
import { ownSessionId, subagentSessionId } from '../../../shared/session-id';
import type { Migration } from '../migration';

// Sessions get ids that cannot collide (issue 15, D1). Up to schema 4 a subagent's id was its
// file name, `agent-a5f3c21`: six hex digits, so subagents of different parents collided and
// were silently merged into one session. Now it is `<parent id>/agent-a5f3c21`.
//
// Existing subagent sessions are renamed in place, with everything keyed on their id, so that
// history whose transcript Claude Code has since deleted is kept, and so are a person's edits.
// Where several transcripts had been merged into one session, each of them is read again from
// the start by the next index (its derived rows were a mix), each under its own id.
//
// indexed_files also learns what the last read saw of a file (inode and a fingerprint of the
// bytes before read_offset), to tell an append from a rewrite in place (D2).

const SUBAGENT_PATH = /\/([^/]+)\/subagents\/[^/]+\.jsonl$/;

export const sessionIdentityMigration: Migration = {
  version: 5,
  name: 'session-identity',
  up: (db: Database) => {
    db.exec(`
      ALTER TABLE indexed_files ADD COLUMN inode INTEGER;
      ALTER TABLE indexed_files ADD COLUMN fingerprint TEXT;
    `);
    const renames = subagentRenames(db);
    renameSessions(db, renames);
    readMergedFilesAgain(db, renames);
  },
};

interface FileRow {
  path: string;
  session_id: string | null;
  parser_state: string | null;
}

/** Old id → new id for every subagent session, and path → new id for every subagent file. */
function subagentRenames(db: Database): { sessions: Map<string, string>; files: Map<string, string> } {
  const files = new Map<string, string>();
  const rows = db
    .prepare("SELECT path, session_id, parser_state FROM indexed_files WHERE session_id LIKE 'agent-%'")
    .all() as FileRow[];
  for (const row of rows) {
    const parent = parentFromPath(row.path) ?? parentFromState(row.parser_state, row.session_id!);
    if (parent !== null) files.set(row.path, subagentSessionId(parent, row.session_id!));
  }
  const sessions = new Map<string, string>();
  const subagents = db
    .prepare(
      `SELECT session_id, parent_session_id, source_path FROM sessions
       WHERE is_subagent = 1 AND instr(session_id, '/') = 0`,
    )
    .all() as { session_id: string; parent_session_id: string | null; source_path: string | null }[];
  for (const row of subagents) {
    const fromFile = row.source_path === null ? undefined : files.get(row.source_path);
    const parent = row.parent_session_id;
    const renamed = fromFile ?? (parent === null ? undefined : subagentSessionId(parent, row.session_id));
    if (renamed !== undefined) sessions.set(row.session_id, renamed);
  }
  return { sessions, files };
}

function parentFromPath(path: string): string | null {
  return SUBAGENT_PATH.exec(path)?.[1] ?? null;
}

function parentFromState(parserState: string | null, ownId: string): string | null {
  if (parserState === null) return null;
  const inner = (JSON.parse(parserState) as { innerSessionId?: unknown }).innerSessionId;
  return typeof inner === 'string' && inner !== ownId ? inner : null;
}

function renameSessions(
  db: Database,
  renames: { sessions: Map<string, string>; files: Map<string, string> },
): void {
  const keyed = [
    'UPDATE sessions SET session_id = ? WHERE session_id = ?',
    'UPDATE session_prompts SET session_id = ? WHERE session_id = ?',
    'UPDATE session_activity SET session_id = ? WHERE session_id = ?',
    'UPDATE session_streams SET session_id = ? WHERE session_id = ?',
    'UPDATE summary_leaves SET source_session_id = ? WHERE source_session_id = ?',
  ].map((sql) => db.prepare(sql));
  for (const [from, to] of renames.sessions) for (const statement of keyed) statement.run(to, from);
  const file = db.prepare('UPDATE indexed_files SET session_id = ? WHERE path = ?');
  for (const [path, to] of renames.files) file.run(to, path);

  // The undo log holds session ids too: an edit made before the upgrade still undoes exactly.
  const edits = db.prepare('SELECT id, undo FROM edit_log').all() as { id: number; undo: string }[];
  const saveEdit = db.prepare('UPDATE edit_log SET undo = ? WHERE id = ?');
  for (const edit of edits) {
    const snapshot = JSON.parse(edit.undo) as {
      sessions?: { id: string; row: { session_id: string } | null }[];
    };
    let changed = false;
    for (const entry of snapshot.sessions ?? []) {
      const to = renames.sessions.get(entry.id);
      if (to === undefined) continue;
      entry.id = to;
      if (entry.row) entry.row.session_id = to;
      changed = true;
    }
    if (changed) saveEdit.run(JSON.stringify(snapshot), edit.id);
  }
}

/**
 * Transcripts that shared one session (two subagents with one name, or one id under two
 * roots) are read again from the start, so that each gets its own rows back. The session's
 * mixed prompts and spans go now; the file it was last written from rebuilds them.
 */
function readMergedFilesAgain(
  db: Database,
  renames: { sessions: Map<string, string>; files: Map<string, string> },
): void {
  const oldIds = new Map<string, string>();
  for (const [path, to] of renames.files) oldIds.set(path, ownSessionId(to));
  const groups = new Map<string, string[]>();
  const rows = db.prepare('SELECT path, session_id FROM indexed_files').all() as FileRow[];
  for (const row of rows) {
    const before = oldIds.get(row.path) ?? row.session_id;
    if (before === null) continue;
    const group = groups.get(before);
    if (group) group.push(row.path);
    else groups.set(before, [row.path]);
  }
  const reset = db.prepare(
    `UPDATE indexed_files SET size = -1, read_offset = 0, parser_state = NULL, fingerprint = NULL
     WHERE path = ?`,
  );
  // A top-level copy that did not write the session row has its id settled again when read.
  const forget = db.prepare('UPDATE indexed_files SET session_id = NULL WHERE path = ?');
  const clear = [
    'DELETE FROM session_prompts WHERE session_id = ?',
    'DELETE FROM session_activity WHERE session_id = ?',
  ].map((sql) => db.prepare(sql));
  const sourceOf = db.prepare('SELECT source_path FROM sessions WHERE session_id = ?').pluck();
  for (const [before, paths] of groups) {
    if (paths.length < 2) continue;
    const after = renames.sessions.get(before) ?? before;
    for (const statement of clear) statement.run(after);
    const source = sourceOf.get(after) as string | null | undefined;
    for (const path of paths) {
      reset.run(path);
      if (!renames.files.has(path) && path !== source) forget.run(path);
    }
  }
}
