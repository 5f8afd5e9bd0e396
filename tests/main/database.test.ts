import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, openDatabase, schemaVersion } from '../../src/main/store/database';
import { TtError } from '../../src/main/errors';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

describe('openDatabase', () => {
  it('creates the file, runs every migration and records the schema version', () => {
    const path = join(tempDir(), 'tt.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('sessions');
    db.close();
  });

  it('applies only the migrations it has not applied before', () => {
    const path = join(tempDir(), 'tt.db');
    const first = [{ version: 1, name: 'a', up: 'CREATE TABLE a (x)' }];
    openDatabase(path, { migrations: first }).close();
    const both = [...first, { version: 2, name: 'b', up: 'CREATE TABLE b (y)' }];
    const db = openDatabase(path, { migrations: both });
    expect(schemaVersion(db)).toBe(2);
    db.close();
  });

  it('refuses a database written by a newer tt, with a clear message, and leaves it untouched', () => {
    const path = join(tempDir(), 'tt.db');
    const future = new BetterSqlite3(path);
    future.exec('CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (42)');
    future.pragma('user_version = 999');
    future.close();

    let error: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TtError);
    expect((error as TtError).kind).toBe('storage');
    expect((error as TtError).message).toMatch(/newer version of tt \(schema 999; this tt knows up to \d+\)/);

    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(check.prepare('SELECT x FROM from_the_future').pluck().get()).toBe(42);
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sessions'").pluck().get()).toBe(0);
    check.close();
  });

  it("refuses another program's SQLite file in words, before changing a byte of it", async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'tt.db');
    const other = new BetterSqlite3(path); // rollback journal, as most programs leave it
    other.exec(
      "CREATE TABLE sessions (token TEXT); CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada')",
    );
    other.close();
    const before = readFileSync(path);

    const status = await runTt(['--data-dir', dataDir, 'status']);
    expect(status.exitCode).toBe(3);
    expect(status.stderr).toContain(
      `${path} is another program's SQLite database (tables: sessions, users), not tt's; tt changed nothing in it`,
    );
    expect(readFileSync(path).equals(before)).toBe(true); // not even switched to WAL
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('leaves the header of a newer tt database that is not in WAL mode as it was', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'tt.db');
    const future = new BetterSqlite3(path);
    future.exec('CREATE TABLE sessions (session_id TEXT)');
    future.pragma('user_version = 999');
    future.close();
    const before = readFileSync(path);

    const status = await runTt(['--data-dir', dataDir, 'status']);
    expect(status.exitCode).toBe(3);
    expect(status.stderr).toContain('was written by a newer version of tt (schema 999');
    expect(status.stderr).toContain('the database was left untouched');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database', () => {
    const path = join(tempDir(), 'tt.db');
    writeFileSync(path, 'this is a text file, not SQLite '.repeat(100));
    expect(() => openDatabase(path)).toThrow(/is not a tt database, or it is damaged/);
  });

  it('waits for another process that holds the write lock (busy timeout), then writes', async () => {
    const path = join(tempDir(), 'tt.db');
    openDatabase(path).close();
    // Another process takes the write lock and holds it for 800 ms.
    const holder = execa(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
       db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO sources (name) VALUES ('holder')");
       console.log('locked'); const until = Date.now() + 800; while (Date.now() < until) {}
       db.exec('COMMIT'); db.close();`,
    ]);
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    const db = openDatabase(path);
    db.prepare("INSERT INTO sources (name) VALUES ('waiter')").run();
    await holder;
    expect(db.prepare('SELECT name FROM sources ORDER BY name').pluck().all()).toEqual(['holder', 'waiter']);
    db.close();
  });

  it('says the database is locked when another process holds it past the timeout', async () => {
    const path = join(tempDir(), 'tt.db');
    const holder = execa(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
       db.exec('BEGIN EXCLUSIVE'); db.exec('CREATE TABLE t (x)');
       console.log('locked'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);`,
    ]);
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    expect(() => openDatabase(path, { busyTimeoutMs: 100 })).toThrow(/is locked by another process/);
    await holder;
  });
});
