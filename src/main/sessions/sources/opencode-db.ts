import BetterSqlite3 from 'better-sqlite3';
import type { AgentSession } from '../../../core/agents/agent-session';
import { openCodeSession, type OpenCodePart, type OpenCodeRecord } from '../../../core/agents/opencode';
import type { SkipTally } from '../../../core/agents/skip-tally';

// OpenCode's SQLite store (opencode.db), read without ever writing: opened read-only, in one
// read transaction (a consistent snapshot; in WAL mode OpenCode's writes go on meanwhile). The
// cursor is the latest `time_updated` seen: a read looks only for sessions whose row or
// messages changed since (and the rows of that same millisecond it had not seen), then loads
// each of those sessions whole. A busy, locked or corrupt database
// is skipped with its reason and the cursor kept, so the next run tries again.

/** How long to wait for OpenCode to finish a write before calling the database busy. */
const BUSY_TIMEOUT_MS = 1000;

export const OPENCODE_DB_SKIP = {
  busy: 'OpenCode: opencode.db busy or locked by OpenCode (read next time)',
  corrupt: 'OpenCode: opencode.db corrupt or not a database',
  newerFormat: 'OpenCode: opencode.db in a newer format tt does not read yet (session_v2 tables)',
  unknownFormat: 'OpenCode: opencode.db in an unknown format (no session, message and part tables)',
} as const;

interface DbCursor {
  v: 1;
  /** the latest time_updated of a session or message row seen */
  since: number;
  /** the rows updated at exactly `since` that were read ("s:<id>", "m:<id>") */
  seen: string[];
}

interface ChangedRow {
  key: string;
  sessionId: string;
  updated: number;
}

interface SessionRow {
  id: string;
  parent_id: string | null;
  directory: string | null;
  title: string | null;
}

export function readOpenCodeDb(
  path: string,
  cursorText: string | null,
  skips: SkipTally,
): { sessions: AgentSession[]; cursor: string | null } {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const open = db;
    const read = open.transaction(() => readSnapshot(open, parseCursor(cursorText), skips));
    const outcome = read();
    if (outcome === null) return { sessions: [], cursor: cursorText };
    return { sessions: outcome.sessions, cursor: JSON.stringify(outcome.cursor) };
  } catch (error) {
    skips.add(describeDbError(error));
    return { sessions: [], cursor: cursorText };
  } finally {
    db?.close();
  }
}

function readSnapshot(
  db: BetterSqlite3.Database,
  previous: DbCursor | null,
  skips: SkipTally,
): { sessions: AgentSession[]; cursor: DbCursor } | null {
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    ),
  );
  if (!tables.has('session') || !tables.has('message') || !tables.has('part')) {
    skips.add(tables.has('session_v2') ? OPENCODE_DB_SKIP.newerFormat : OPENCODE_DB_SKIP.unknownFormat);
    return null;
  }
  const columns = new Set(
    (db.prepare('PRAGMA table_info(session)').all() as { name: string }[]).map((c) => c.name),
  );
  // Some OpenCode versions dropped the session's directory: its messages still say it.
  const directory = columns.has('directory') ? 'directory' : 'NULL AS directory';
  const since = previous?.since ?? Number.MIN_SAFE_INTEGER;
  const seen = new Set(previous?.seen ?? []);
  const changed = (
    db
      .prepare(
        `SELECT 's:' || id AS key, id AS sessionId, time_updated AS updated FROM session WHERE time_updated >= ?
         UNION ALL
         SELECT 'm:' || id, session_id, time_updated FROM message WHERE time_updated >= ?`,
      )
      .all(since, since) as ChangedRow[]
  ).filter((r) => r.updated > since || !seen.has(r.key));
  const touched = [...new Set(changed.map((r) => r.sessionId))];
  const sessionRow = db.prepare(`SELECT id, parent_id, ${directory}, title FROM session WHERE id = ?`);
  const messageRows = db.prepare(
    'SELECT id, time_created AS created, data FROM message WHERE session_id = ?',
  );
  // Only the person's texts are needed: the text parts of user messages, never tool output.
  const userTexts = db.prepare(
    `SELECT p.id, p.message_id AS messageId, p.time_created AS created, p.data FROM part p
       JOIN message m ON m.id = p.message_id
      WHERE p.session_id = ? AND json_extract(m.data, '$.role') = 'user' AND json_extract(p.data, '$.type') = 'text'`,
  );
  const sessions: AgentSession[] = [];
  for (const id of touched) {
    const row = sessionRow.get(id) as SessionRow | undefined;
    if (row === undefined) continue; // messages of a session deleted since
    const session = openCodeSession(
      { id: row.id, parentId: row.parent_id, directory: row.directory, title: row.title },
      messageRows.all(id) as OpenCodeRecord[],
      userTexts.all(id) as OpenCodePart[],
      skips,
    );
    if (session !== null) sessions.push(session);
  }
  let latest = previous?.since ?? 0;
  for (const r of changed) if (r.updated > latest) latest = r.updated;
  const atLatest = changed.filter((r) => r.updated === latest).map((r) => r.key);
  const kept = latest === previous?.since ? [...seen, ...atLatest] : atLatest;
  return { sessions, cursor: { v: 1, since: latest, seen: kept } };
}

function parseCursor(text: string | null): DbCursor | null {
  if (text === null) return null;
  try {
    const c = JSON.parse(text) as Partial<DbCursor>;
    return c.v === 1 && typeof c.since === 'number' && Array.isArray(c.seen) ? (c as DbCursor) : null;
  } catch {
    return null;
  }
}

function describeDbError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return OPENCODE_DB_SKIP.busy;
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
      return OPENCODE_DB_SKIP.corrupt;
    return `OpenCode: opencode.db unreadable (${code})`;
  }
  return `OpenCode: opencode.db unreadable (${error instanceof Error ? error.message : String(error)})`;
}

/** The ids of the sessions a database holds; [] when it cannot be read now. */
export function sessionIdsIn(path: string): string[] {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    return db.prepare('SELECT id FROM session').pluck().all() as string[];
  } catch {
    return [];
  } finally {
    db?.close();
  }
}
