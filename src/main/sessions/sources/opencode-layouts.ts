import type BetterSqlite3 from 'better-sqlite3';
import type { AgentSession } from '../../../core/agents/agent-session';
import { openCodeSession, type OpenCodePart, type OpenCodeRecord } from '../../../core/agents/opencode';
import { fromSessionMessages, type SessionMessageRow } from '../../../core/agents/opencode-v2';
import type { SkipTally } from '../../../core/agents/skip-tally';

// The table layouts an opencode.db can hold: the released one (session, message, part) and the
// beta's newer one (session_v2, session_message). A database being moved from one to the other
// holds both; a session in both is read from the newer.
// Its SQL reads OpenCode's database, never tt's: tt's tables keep their one owner each
// (README, "Where SQL lives"; tests/repo/sql-owners.test.ts).

/** A session or message row changed since the last read; `key` names the row for the cursor. */
export interface ChangedRow {
  key: string;
  sessionId: string;
  updated: number;
}

export interface OpenCodeLayout {
  /** rows changed at or after `since` */
  changed(since: number): ChangedRow[];
  /** the session, whole (null when it has no messages yet), or undefined when this layout lacks it */
  load(id: string, skips: SkipTally): AgentSession | null | undefined;
}

interface SessionRow {
  id: string;
  parent_id: string | null;
  directory: string | null;
  title: string | null;
}

/** The layouts the database holds, newest first. */
export function layoutsOf(db: BetterSqlite3.Database): OpenCodeLayout[] {
  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  const layouts: OpenCodeLayout[] = [];
  if (tables.has('session_v2') && tables.has('session_message')) layouts.push(newerLayout(db));
  if (tables.has('session') && tables.has('message') && tables.has('part')) layouts.push(releasedLayout(db));
  return layouts;
}

function releasedLayout(db: BetterSqlite3.Database): OpenCodeLayout {
  const session = sessionQuery(db, 'session');
  const changed = changedQuery(db, 'session', 'message', 's', 'm');
  const messages = db.prepare('SELECT id, time_created AS created, data FROM message WHERE session_id = ?');
  // Only the person's texts are needed: the text parts of user messages, never tool output.
  const userTexts = db.prepare(
    `SELECT p.id, p.message_id AS messageId, p.time_created AS created, p.data FROM part p
       JOIN message m ON m.id = p.message_id
      WHERE p.session_id = ? AND json_extract(m.data, '$.role') = 'user' AND json_extract(p.data, '$.type') = 'text'`,
  );
  return {
    changed: (since) => changed.all(since, since) as ChangedRow[],
    load(id, skips) {
      const row = session.get(id) as SessionRow | undefined;
      if (row === undefined) return undefined;
      return openCodeSession(
        info(row),
        messages.all(id) as OpenCodeRecord[],
        userTexts.all(id) as OpenCodePart[],
        skips,
      );
    },
  };
}

function newerLayout(db: BetterSqlite3.Database): OpenCodeLayout {
  const session = sessionQuery(db, 'session_v2');
  const changed = changedQuery(db, 'session_v2', 'session_message', 'S', 'M');
  const messages = db.prepare(
    'SELECT id, type, time_created AS created, data FROM session_message WHERE session_id = ? ORDER BY seq',
  );
  return {
    changed: (since) => changed.all(since, since) as ChangedRow[],
    load(id, skips) {
      const row = session.get(id) as SessionRow | undefined;
      if (row === undefined) return undefined;
      const mapped = fromSessionMessages(messages.all(id) as SessionMessageRow[], skips);
      return openCodeSession(info(row), mapped.messages, mapped.parts, skips);
    },
  };
}

function sessionQuery(db: BetterSqlite3.Database, table: string): BetterSqlite3.Statement {
  const columns = new Set(
    db
      .prepare(`PRAGMA table_info(${table})`)
      .all()
      .map((c) => (c as { name: string }).name),
  );
  // Some OpenCode versions dropped the session's directory: its messages still say it.
  const directory = columns.has('directory') ? 'directory' : 'NULL AS directory';
  return db.prepare(`SELECT id, parent_id, ${directory}, title FROM ${table} WHERE id = ?`);
}

// >= rather than >: a row written in the same millisecond after the last read is read again
// (the cursor remembers the rows of that millisecond it has seen), never missed.
function changedQuery(
  db: BetterSqlite3.Database,
  sessions: string,
  messages: string,
  sessionKey: string,
  messageKey: string,
): BetterSqlite3.Statement {
  return db.prepare(
    `SELECT '${sessionKey}:' || id AS key, id AS sessionId, time_updated AS updated FROM ${sessions} WHERE time_updated >= ?
     UNION ALL
     SELECT '${messageKey}:' || id, session_id, time_updated FROM ${messages} WHERE time_updated >= ?`,
  );
}

function info(row: SessionRow) {
  return { id: row.id, parentId: row.parent_id, directory: row.directory, title: row.title };
}
