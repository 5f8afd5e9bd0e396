import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TT_BIN, runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const packageVersion = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

describe('tt command line', () => {
  it('prints help listing its commands and global options', async () => {
    const result = await runTt(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: tt');
    expect(result.stdout).toContain('status');
    expect(result.stdout).toContain('--data-dir');
  });

  it('prints help for a single command', async () => {
    const result = await runTt(['status', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: tt status');
    expect(result.stdout).toContain('--json');
  });

  it('prints its version', async () => {
    const result = await runTt(['--version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(packageVersion);
  });

  it('creates the database under $XDG_DATA_HOME/time-tracker by default', async () => {
    const xdg = tempDir();
    const result = await runTt(['status', '--json'], { env: { XDG_DATA_HOME: xdg } });
    expect(result.exitCode).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.databasePath).toBe(join(xdg, 'time-tracker', 'tt.db'));
    expect(existsSync(join(xdg, 'time-tracker', 'tt.db'))).toBe(true);
    expect(status.schemaVersion).toBeGreaterThan(0);
    expect(status.counts).toEqual({ sessions: 0, events: 0, streams: 0 });
  });

  it('falls back to ~/.local/share/time-tracker without XDG_DATA_HOME', async () => {
    const home = tempDir();
    const result = await runTt(['status'], { env: { HOME: home } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(join(home, '.local', 'share', 'time-tracker', 'tt.db'));
    expect(existsSync(join(home, '.local', 'share', 'time-tracker', 'tt.db'))).toBe(true);
  });

  it('honours TT_DATA_DIR, and --data-dir over it', async () => {
    const fromEnv = tempDir();
    const fromFlag = join(tempDir(), 'nested', 'dir');
    const result = await runTt(['--data-dir', fromFlag, 'status'], { env: { TT_DATA_DIR: fromEnv } });
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(fromFlag, 'tt.db'))).toBe(true);
    expect(existsSync(join(fromEnv, 'tt.db'))).toBe(false);
  });

  it('explains an unusable data directory on stderr, without a stack trace, and exits 3', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const result = await runTt(['status'], { env: { TT_DATA_DIR: join(file, 'data') } });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('cannot create the data directory');
    expect(result.stderr).toContain('a parent of it is a file');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a data directory that is a file', async () => {
    const file = join(tempDir(), 'tt-data');
    writeFileSync(file, 'not a directory');
    const result = await runTt(['status'], { env: { TT_DATA_DIR: file } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(
      `cannot create the data directory ${file}: a file of that name is in the way`,
    );
    expect(result.stderr).not.toContain('EEXIST');
  });

  it('shows the cause with --verbose', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const result = await runTt(['--verbose', 'status'], { env: { TT_DATA_DIR: join(file, 'data') } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('refuses a database from a newer tt with exit 3 and a clear message', async () => {
    const dir = tempDir();
    await execa(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(join(dir, 'tt.db'))}); db.pragma('user_version = 500'); db.close();`,
    ]);
    const result = await runTt(['status'], { env: { TT_DATA_DIR: dir } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('was written by a newer version of tt (schema 500');
  });

  it('refuses an empty --data-dir (an unset variable) instead of falling back to the default database', async () => {
    const xdg = tempDir();
    const result = await runTt(['--data-dir', '', 'status'], { env: { XDG_DATA_HOME: xdg } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("option '--data-dir <dir>' argument '' is invalid");
    expect(result.stderr).toContain('an empty directory name');
    expect(existsSync(join(xdg, 'time-tracker'))).toBe(false);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runTt(['no-such-command']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown command 'no-such-command'");
  });

  it('exits 2 on an unknown option of a subcommand', async () => {
    const result = await runTt(['status', '--bogus'], { env: { TT_DATA_DIR: tempDir() } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('lets several processes open a fresh database at the same moment', async () => {
    const dir = tempDir();
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        execa(process.execPath, [TT_BIN, 'status', '--json'], {
          reject: false,
          env: { TT_DATA_DIR: dir },
        }),
      ),
    );
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(String(run.stdout)).schemaVersion).toBeGreaterThan(0);
    }
  });

  it('says the database is locked, with exit 3, when another process holds a write lock past the wait', async () => {
    const dir = tempDir();
    expect((await runTt(['status'], { env: { TT_DATA_DIR: dir } })).exitCode).toBe(0);
    const holder = execa(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(join(dir, 'tt.db'))});
       db.exec('BEGIN EXCLUSIVE'); db.exec("INSERT INTO sources (name) VALUES ('holder')");
       console.log('locked'); process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); });`,
    ]);
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    try {
      // Indexing writes (it records when the source was indexed), so it must wait, then give up.
      const result = await runTt(['sessions', 'index', '--root', tempDir()], { env: { TT_DATA_DIR: dir } });
      expect(result.stderr).toContain(`the database ${join(dir, 'tt.db')} is locked by another process`);
      expect(result.stderr).not.toContain('unexpected');
      expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(result.exitCode).toBe(3);
    } finally {
      holder.stdin?.end('done\n');
      await holder;
    }
  }, 30_000);

  it('stops quietly when the reader of its output goes away (tt events | head)', async () => {
    const dir = tempDir();
    const now = Date.now();
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        ts: now - i * 1000,
        type: 'pane-focus',
        pane: `%${i}`,
        cwd: '/tmp',
        session: 's',
        window: 1,
      }),
    );
    const month = new Date(now).toISOString().slice(0, 7);
    // 0600, as tt writes it (a wider file would be tightened, and tt would say so on stderr).
    writeFileSync(join(dir, `events-${month}.jsonl`), `${lines.join('\n')}\n`, { mode: 0o600 });
    const child = execa(process.execPath, [TT_BIN, 'events', '--json'], {
      reject: false,
      env: { TT_DATA_DIR: dir },
      buffer: { stdout: false },
    });
    // Read one chunk, then close the pipe, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    child.stdout!.destroy();
    const result = await child;
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
