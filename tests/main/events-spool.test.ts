import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spoolPath } from '../../src/main/events/spool';
import { listSpoolFiles } from '../../src/main/events/spool-reader';
import { appendEvent, appendEventQuietly, type EventInput } from '../../src/main/events/spool-writer';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const INGEST = fileURLToPath(new URL('../../out/main/ingest.js', import.meta.url));

const event: EventInput = { type: 'pane-focus', pane: '%1', cwd: '/src/app', session: 'work', window: 0 };

function spool(dataDir: string): Record<string, unknown>[] {
  return listSpoolFiles(dataDir)
    .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('appending events to the spool', () => {
  it('creates the data directory and writes one JSON line per event', () => {
    const dataDir = join(tempDir(), 'not', 'there', 'yet');
    expect(appendEvent(dataDir, event, 1_000)).toBe('appended');
    expect(spool(dataDir)).toEqual([{ ts: 1_000, ...event }]);
  });

  it('records a repeated identical focus within 500 ms once', () => {
    const dataDir = tempDir();
    expect(appendEvent(dataDir, event, 10_000)).toBe('appended');
    expect(appendEvent(dataDir, event, 10_300)).toBe('repeat');
    expect(appendEvent(dataDir, event, 10_499)).toBe('repeat');
    expect(appendEvent(dataDir, event, 10_500)).toBe('appended');
    expect(appendEvent(dataDir, { ...event, pane: '%2' }, 10_600)).toBe('appended');
    expect(appendEvent(dataDir, event, 10_700)).toBe('appended');
    expect(appendEvent(dataDir, { ...event, type: 'scroll' }, 10_701)).toBe('appended');
    // A clock that went backwards is not a repeat.
    expect(appendEvent(dataDir, { ...event, type: 'scroll' }, 9_000)).toBe('appended');
    expect(spool(dataDir).map((line) => line.ts)).toEqual([10_000, 10_500, 10_600, 10_700, 10_701, 9_000]);
  });

  it('never throws: a failure is logged in the data directory', () => {
    const dataDir = tempDir();
    mkdirSync(spoolPath(dataDir, Date.parse('2026-11-24T10:00:00Z'))); // the spool path is taken by a directory
    expect(() => appendEventQuietly(dataDir, event, Date.parse('2026-11-24T10:00:00Z'))).not.toThrow();
    const log = readFileSync(join(dataDir, 'ingest.log'), 'utf8');
    expect(log).toMatch(/^2026-11-24T10:00:00.000Z could not record pane-focus for \/src\/app: .*EISDIR/);
  });

  it('keeps lines whole when many hooks append at the same moment', async () => {
    const dataDir = tempDir();
    // Long directories make a torn or interleaved write visible as a line that does not parse.
    const long = (i: number) => `/src/${String(i).padStart(3, '0')}-${'x'.repeat(5_000)}`;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        execa(process.execPath, [
          INGEST,
          'pane-focus',
          `--pane=%${i}`,
          `--cwd=${long(i)}`,
          '--session=s',
          '--window=0',
          `--data-dir=${dataDir}`,
        ]),
      ),
    );
    const lines = spool(dataDir);
    expect(lines).toHaveLength(12);
    expect(new Set(lines.map((line) => line.cwd))).toEqual(
      new Set(Array.from({ length: 12 }, (_, i) => long(i))),
    );
  });

  it('the hook program exits 0 and prints nothing, even when it cannot record', async () => {
    const root = tempDir();
    const blocked = join(root, 'a-file');
    writeFileSync(blocked, '');
    for (const args of [
      ['pane-focus', '--pane=%1', '--cwd=/x', `--data-dir=${join(blocked, 'data')}`],
      ['teleport', '--pane=%1', `--data-dir=${root}`],
      ['pane-focus', '--window=three', `--data-dir=${root}`],
    ]) {
      const result = await execa(process.execPath, [INGEST, ...args], { reject: false });
      expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
    expect(readFileSync(join(root, 'ingest.log'), 'utf8')).toContain(
      'ignored a malformed ingest: ["teleport"',
    );
  });

  it('a write cut short by a full disk tears only its own line: the next event and the import survive', async () => {
    const dataDir = tempDir();
    const ingest = (cwd: string, limitBlocks?: number) => {
      const args = [INGEST, 'pane-focus', '--pane=%1', `--cwd=${cwd}`, `--data-dir=${dataDir}`];
      // RLIMIT_FSIZE (512-byte blocks in sh) makes the kernel write what fits and no more:
      // a real short write, as a full disk gives.
      return limitBlocks === undefined
        ? execa(process.execPath, args)
        : execa('sh', ['-c', `ulimit -f ${limitBlocks}; exec "$@"`, 'sh', process.execPath, ...args]);
    };
    const before = `/src/${'b'.repeat(350)}`;
    await ingest(before); // about 430 bytes of the 512 the limit allows
    await ingest(`/src/${'torn'.repeat(40)}`, 1); // cut short, and ingest.log stays under the limit
    await ingest('/src/after');
    const [file] = listSpoolFiles(dataDir);
    const text = readFileSync(file!, 'utf8');
    expect(text.length).toBeGreaterThan(512); // the torn line, then the next event on its own line
    const torn = text.split('\n')[1]!;
    expect(torn).toMatch(/^\{"ts":\d+,"type":"pane-focus",.*"cwd":"\/src\/t/);
    expect(torn.endsWith('}')).toBe(false);
    expect(readFileSync(join(dataDir, 'ingest.log'), 'utf8')).toMatch(/wrote only \d+ of \d+ bytes/);

    const listed = await runTt(['--data-dir', dataDir, 'events', '--json']);
    expect(listed.exitCode).toBe(0);
    expect((JSON.parse(listed.stdout) as { cwd: string }[]).map((e) => e.cwd)).toEqual([
      before,
      '/src/after',
    ]);
    expect(listed.stderr).toContain('skipped 1 spool line(s): malformed line');
  });

  it('the hook program loads only Node built-ins: no commander, SQLite or execa on that path', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(
        /^(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/gm,
      )) {
        if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!));
        else packages.add(spec!);
      }
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g))
        packages.add(spec!);
    };
    visit(INGEST);
    expect(seen.size).toBeGreaterThan(1);
    expect([...packages].filter((name) => !name.startsWith('node:'))).toEqual([]);
  });
});
