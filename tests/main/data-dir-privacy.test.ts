import { execa } from 'execa';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// Issue 14: tt's files are its owner's alone. Issue 15, H3: a data directory that cannot be
// made is an error in words, not a process that spins forever.

const INGEST = fileURLToPath(new URL('../../out/main/ingest.js', import.meta.url));
const mode = (path: string): number => statSync(path).mode & 0o777;

describe('the data directory and its files are private', { timeout: 60_000 }, () => {
  it('are made 0700 and 0600 on a fresh start: directories, database, WAL, spool, log', async () => {
    const parent = join(tempDir(), 'new', 'deeper');
    const dataDir = join(parent, 'data');
    const status = await runTt(['--data-dir', dataDir, 'status']);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stderr).toBe('');
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(parent)).toBe(0o700);
    expect(mode(join(dataDir, 'tt.db'))).toBe(0o600);

    const ingest = await runTt([
      '--data-dir',
      dataDir,
      'ingest',
      'pane-focus',
      '--pane',
      '%1',
      '--cwd',
      '/srv/app',
      '--session',
      's',
      '--window',
      '0',
    ]);
    expect(ingest.exitCode).toBe(0);
    const month = new Date().toISOString().slice(0, 7);
    expect(mode(join(dataDir, `events-${month}.jsonl`))).toBe(0o600);
    expect(mode(join(dataDir, 'events.last'))).toBe(0o600);
    await execa(process.execPath, [INGEST, '--data-dir', dataDir, 'not-an-event'], { reject: false });
    expect(mode(join(dataDir, 'ingest.log'))).toBe(0o600);

    // While the database is open, SQLite's -wal and -shm exist: they take the database's mode.
    const service = TtService.open({ dataDir });
    try {
      await service.updateSettings({ attentionWindowMinutes: 7 });
      expect(mode(join(dataDir, 'tt.db-wal'))).toBe(0o600);
      expect(mode(join(dataDir, 'tt.db-shm'))).toBe(0o600);
    } finally {
      service.close();
    }
  });

  it('tightens a 0755 directory and 0644 files on open, and says so once', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    expect((await runTt(['--data-dir', dataDir, 'status'])).exitCode).toBe(0);
    for (const name of ['tt.db', 'events-2026-02.jsonl', 'ingest.log']) {
      if (!existsSync(join(dataDir, name))) writeFileSync(join(dataDir, name), '');
      chmodSync(join(dataDir, name), 0o644);
    }
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    chmodSync(join(dataDir, 'notes.txt'), 0o644);
    chmodSync(dataDir, 0o755);

    const first = await runTt(['--data-dir', dataDir, 'status']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toContain(`made the data directory ${dataDir} private: it was 0755, it is now 0700`);
    expect(first.stderr).toContain('tt.db (was 0644)');
    expect(first.stderr).toContain('events-2026-02.jsonl (was 0644)');
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['tt.db', 'events-2026-02.jsonl', 'ingest.log'])
      expect(mode(join(dataDir, name))).toBe(0o600);
    // A file that is not tt's is the person's business.
    expect(mode(join(dataDir, 'notes.txt'))).toBe(0o644);

    const second = await runTt(['--data-dir', dataDir, 'status']);
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toBe('');
  });

  it('refuses, in words and with exit 3, a data directory the system will not make (no endless mkdir)', async () => {
    const result = await runTt(['--data-dir', '/proc/1/nope', 'status']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('cannot create the data directory /proc/1/nope');
    expect(result.stderr).toContain('--data-dir or TT_DATA_DIR');

    const blocked = join(tempDir(), 'file');
    writeFileSync(blocked, '');
    const underFile = await runTt(['--data-dir', join(blocked, 'data'), 'status']);
    expect(underFile.exitCode).toBe(3);
    expect(underFile.stderr).toContain('a parent of it is a file');

    // The tmux hook gives up as quickly, quietly.
    const hook = await execa(
      process.execPath,
      [INGEST, '--data-dir', '/proc/1/nope', 'pane-focus', '--pane', '%1'],
      {
        reject: false,
        timeout: 30_000,
      },
    );
    expect(hook.timedOut).toBe(false);
    expect(hook.exitCode).toBe(0);
  });
});
