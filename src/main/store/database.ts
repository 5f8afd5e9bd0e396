import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isNotRegularFile, requireRegularOrMissing } from '../outside-file';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { TtError } from '../errors';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations';

export type { Database };

/** How long a writer waits for another process's transaction before giving up. */
export const BUSY_TIMEOUT_MS = 5_000;

export interface OpenOptions {
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the tt database at `path`: WAL so that the app and the CLI can
 * read while the other writes, a busy timeout so that concurrent writers wait instead of
 * failing, and every pending migration applied.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  const migrations = options.migrations ?? allMigrations;
  refuseWhatIsNotAFile(path);
  refuseWhatIsNotOurs(path, latestSchemaVersion(migrations));
  let db: Database;
  try {
    db = new BetterSqlite3(path, { timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new TtError('storage', `cannot open the database ${path}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  try {
    setWalMode(db, options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, migrations);
    return db;
  } catch (error) {
    db.close();
    throw translateSqliteError(error, path);
  }
}

/**
 * SQLite opens the database (and its -wal and -shm files) itself and blocks on a FIFO; a
 * directory or a link to /dev/zero reaches it as "disk I/O error". Each must be a regular
 * file or missing, and the person is told what it is instead.
 */
function refuseWhatIsNotAFile(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      requireRegularOrMissing(file);
    } catch (error) {
      if (!isNotRegularFile(error)) return; // the open itself says what is wrong, in its words
      const target = lstatSync(file).isSymbolicLink() ? ` (a link to ${readlinkSync(file)})` : '';
      throw new TtError(
        'storage',
        `${basename(file)} is ${error.what}${target}, not a database file: ${file}`,
        'move it away (tt creates a new database there), or point --data-dir / TT_DATA_DIR at another directory',
      );
    }
  }
}

/**
 * Looks at an existing file read-only, before anything (WAL mode, a migration) changes it:
 * another program's database, or one written by a newer tt, is refused and left as it was.
 */
function refuseWhatIsNotOurs(path: string, latest: number): void {
  let size: number | undefined;
  try {
    size = statSync(path, { throwIfNoEntry: false })?.size;
  } catch {
    return; // the read-write open says what is wrong, in its words
  }
  if (!size) return; // a new (or empty) file becomes tt's
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw translateSqliteError(error, path);
  }
  try {
    const version = schemaVersion(db);
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    refuseIfNewer(path, version, latest);
    // tt's first migration sets the schema version in the same transaction as its tables, so
    // tables without a version were made by someone else.
    if (version === 0 && tables.length > 0) {
      const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      throw new TtError(
        'storage',
        `${path} is another program's SQLite database (tables: ${shown}), not tt's; tt changed nothing in it`,
        'move it away, or point --data-dir / TT_DATA_DIR at another directory',
      );
    }
  } catch (error) {
    throw translateSqliteError(error, path);
  } finally {
    db.close();
  }
}

function refuseIfNewer(path: string, current: number, latest: number): void {
  if (current > latest) {
    throw new TtError(
      'storage',
      `the database ${path} was written by a newer version of tt (schema ${current}; this tt knows up to ${latest})`,
      'upgrade tt, or point --data-dir / TT_DATA_DIR at another directory; the database was left untouched',
    );
  }
}

/**
 * Switching a brand-new file to WAL needs a lock that SQLite does not wait for through the
 * busy timeout, so two processes creating the database at the same moment can see
 * SQLITE_BUSY here. Retry for as long as the busy timeout would have waited.
 */
function setWalMode(db: Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

export function latestSchemaVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database, path: string, migrations: readonly Migration[]): void {
  const latest = latestSchemaVersion(migrations);
  refuseIfNewer(path, schemaVersion(db), latest);
  if (schemaVersion(db) === latest) return;

  // IMMEDIATE takes the write lock first, so two processes opening a fresh database at the
  // same moment apply each migration exactly once: the second waits, then sees it done.
  db.transaction(() => {
    // Another, newer tt may have migrated it since the read-only look.
    const current = schemaVersion(db);
    refuseIfNewer(path, current, latest);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

/**
 * SQLite's failures that a person can act on (locked, read-only, damaged) as storage errors
 * with words; anything else is returned as it was. Used on open, and by front ends for the
 * writes that follow (a lock another process holds past the busy timeout surfaces there).
 */
export function translateSqliteError(error: unknown, path: string): unknown {
  if (error instanceof TtError) return error;
  // Extended codes too: SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, SQLITE_CANTOPEN_ISDIR…
  const code = (error as { code?: string }).code?.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new TtError(
      'storage',
      `the database ${path} is locked by another process`,
      'wait for the other tt command to finish and try again',
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new TtError('storage', `${path} is not a tt database, or it is damaged`, undefined, {
      cause: error,
    });
  }
  if (code === 'SQLITE_FULL' || code?.startsWith('SQLITE_IOERR')) {
    return new TtError(
      'storage',
      `cannot write to the database ${path}: the disk is full or failing`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return new TtError('storage', `cannot write to the database ${path}`, 'check its permissions', {
      cause: error,
    });
  }
  return error;
}

/** Rows a person would count: a stream merged into another is no longer one of the streams. */
export function countRows(db: Database, table: 'sessions' | 'events' | 'streams'): number {
  const where = table === 'streams' ? ' WHERE merged_into IS NULL' : '';
  return (db.prepare(`SELECT count(*) AS n FROM ${table}${where}`).get() as { n: number }).n;
}

/**
 * The schema as the migrations leave it, as SQL a person reads: each table followed by its
 * indexes and triggers, in name order so that the text changes only when the schema does.
 * `src/main/store/schema.sql` is this text, kept current by `npm run schema`.
 */
export function schemaSql(db: Database): string {
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
        ORDER BY tbl_name, CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name`,
    )
    .all() as { type: string; name: string; tableName: string; sql: string }[];
  const header = `-- tt's schema at version ${schemaVersion(db)}, generated from the migrations by \`npm run schema\`.\n-- Do not edit: change a migration (src/main/store/migrations/) and run it again.\n`;
  return header + rows.map((row) => `\n${row.sql};\n`).join('');
}
