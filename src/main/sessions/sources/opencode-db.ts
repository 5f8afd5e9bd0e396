import BetterSqlite3 from 'better-sqlite3';
import type { AgentSession } from '../../../core/agents/agent-session';
import type { SkipTally } from '../../../core/agents/skip-tally';
import { layoutsOf } from './opencode-layouts';
import { isNotRegularFile, requireRegularOrMissing } from '../../outside-file';

// OpenCode's SQLite store (opencode.db), read without ever writing: opened read-only, in one
// read transaction (a consistent snapshot; in WAL mode OpenCode's writes go on meanwhile). The
// cursor is the latest `time_updated` seen: a read looks only for sessions whose row or
// messages changed since (and the rows of that same millisecond it had not seen), then loads
// each of those sessions whole (opencode-layouts.ts). A busy, locked or corrupt database is
// skipped with its reason and the cursor kept, so the next run tries again.
// Its SQL reads OpenCode's database, never tt's: tt's tables keep their one owner each
// (README, "Where SQL lives"; tests/repo/sql-owners.test.ts).

/** How long to wait for OpenCode to finish a write before calling the database busy. */
const BUSY_TIMEOUT_MS = 1000;

export const OPENCODE_DB_SKIP = {
  busy: 'OpenCode: opencode.db busy or locked by OpenCode (read next time)',
  corrupt: 'OpenCode: opencode.db corrupt or not a database',
  unknownFormat: 'OpenCode: opencode.db in a format tt does not know (no session tables it reads)',
} as const;

interface DbCursor {
  v: 1;
  /** the latest time_updated of a session or message row seen */
  since: number;
  /** the rows updated at exactly `since` that were read ("s:<id>", "m:<id>") */
  seen: string[];
}

export function readOpenCodeDb(
  path: string,
  cursorText: string | null,
  skips: SkipTally,
): { sessions: AgentSession[]; cursor: string | null } {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = openReadOnly(path);
    const open = db;
    const read = open.transaction(() => readSnapshot(open, parseCursor(cursorText), skips));
    const outcome = read();
    if (outcome === null) return { sessions: [], cursor: cursorText };
    return { sessions: outcome.sessions, cursor: JSON.stringify(outcome.cursor) };
  } catch (error) {
    skips.add(
      isNotRegularFile(error)
        ? `OpenCode: ${error.path.split('/').pop()} is not a regular file (${error.what}; skipped, never waited on)`
        : describeDbError(error),
    );
    return { sessions: [], cursor: cursorText };
  } finally {
    db?.close();
  }
}

/**
 * SQLite opens the database and its -wal and -shm files itself, blocking: each must be a
 * regular file (or missing) first, or a FIFO there would hang the index (outside-file.ts).
 */
function openReadOnly(path: string): BetterSqlite3.Database {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) requireRegularOrMissing(file);
  return new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

function readSnapshot(
  db: BetterSqlite3.Database,
  previous: DbCursor | null,
  skips: SkipTally,
): { sessions: AgentSession[]; cursor: DbCursor } | null {
  const layouts = layoutsOf(db);
  if (layouts.length === 0) {
    skips.add(OPENCODE_DB_SKIP.unknownFormat);
    return null;
  }
  const since = previous?.since ?? Number.MIN_SAFE_INTEGER;
  const seen = new Set(previous?.seen ?? []);
  const changed = layouts
    .flatMap((layout) => layout.changed(since))
    .filter((r) => r.updated > since || !seen.has(r.key));
  const sessions: AgentSession[] = [];
  for (const id of new Set(changed.map((r) => r.sessionId))) {
    for (const layout of layouts) {
      const session = layout.load(id, skips);
      if (session === undefined) continue; // not in this layout (or deleted since)
      if (session !== null) sessions.push(session);
      break;
    }
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
    db = openReadOnly(path);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    return ['session', 'session_v2']
      .filter((t) => tables.includes(t))
      .flatMap((t) => db!.prepare(`SELECT id FROM ${t}`).pluck().all() as string[]);
  } catch {
    return [];
  } finally {
    db?.close();
  }
}
