import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { end, header as segmentHeader, sessionLine, writeSegment } from '../helpers/sync-attacks';
import {
  MINUTE,
  iso,
  addFocus,
  addSession,
  indexAndInfer,
  makeMachine,
  streamsSeen,
  type Machine,
  localMachineId,
  sessionIdsOf,
} from '../helpers/sync-machines';

// What goes wrong around sync: an export killed halfway, segments cut short, corrupt, from a
// newer tt or from two machines claiming one id, a folder that is gone or cannot be written.
// Each is skipped with its reason; the rest goes through and the local store stays whole.

const DAY = Date.UTC(2026, 10, 3, 9, 0);
const RANGE = { start: DAY - 60 * MINUTE, end: DAY + 12 * 60 * MINUTE };

async function eventCount(machine: Machine): Promise<number> {
  const status = JSON.parse((await machine.ok(['status', '--json'])).stdout) as {
    counts: { events: number };
  };
  return status.counts.events;
}

const X = '0b0b0b0b-1111-4222-8333-444455556666';
const header = (seq: number, extra: Record<string, unknown> = {}) => segmentHeader(X, seq, extra);

describe('tt sync when things go wrong', { timeout: 600_000 }, () => {
  it('loses and duplicates nothing when an export is killed halfway through its segment', async () => {
    const folder = tempDir('tt-sync-folder-');
    const m0 = makeMachine('m0', 0);
    const m1 = makeMachine('m1', 0);
    addSession(m0, 'a0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    addFocus(m0, '/work/shop', [DAY + 30_000, DAY + 90_000]);
    addSession(m1, 'b0000000-1111-4222-8333-444455556661', '/work/shop', DAY + 60 * MINUTE);
    await indexAndInfer(m0, RANGE);
    await indexAndInfer(m1, RANGE);
    await m0.ok(['sync', '--folder', folder]);

    // New work on m0, and an export killed while writing its segment.
    addSession(m0, 'a0000000-1111-4222-8333-444455556662', '/work/blog', DAY + 120 * MINUTE);
    addFocus(m0, '/work/blog', [DAY + 120 * MINUTE + 30_000]);
    await indexAndInfer(m0, RANGE);
    const killed = await m0.tt(['sync', '--folder', folder], { TT_TEST_KILL_DURING_SYNC_EXPORT: '1' });
    expect(killed.exitCode).not.toBe(0);
    const id0 = await localMachineId(m0);
    const outbox = join(m0.dataDir, 'sync-outbox', id0);
    expect(readdirSync(outbox).some((name) => name.startsWith('.tmp-'))).toBe(true);
    // What a syncing engine may show of a copy in progress: a half-written temporary file.
    const half = readFileSync(join(outbox, 'seg-00000001.jsonl'), 'utf8');
    writeFileSync(join(folder, 'tt', id0, '.tmp-seg-00000002.jsonl.4242'), half.slice(0, half.length / 2));

    const meanwhile = await m1.ok(['sync', '--folder', folder]);
    expect(meanwhile.stderr).toBe('');

    await m0.ok(['sync', '--folder', folder]);
    expect(readdirSync(outbox).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    await m1.ok(['sync', '--folder', folder]);
    await m0.ok(['sync', '--folder', folder]);
    await m1.ok(['sync', '--folder', folder]);

    expect(await sessionIdsOf(m1)).toEqual(await sessionIdsOf(m0));
    expect(await sessionIdsOf(m1)).toHaveLength(3);
    expect(await eventCount(m1)).toBe(3);
    expect(await eventCount(m0)).toBe(3);
    expect((await streamsSeen(m1)).table).toBe((await streamsSeen(m0)).table);
  });

  it('skips bad segments with their reasons, imports the rest, and keeps the store whole', async () => {
    const folder = tempDir('tt-sync-folder-');
    const m1 = makeMachine('m1', 0);
    addSession(m1, 'b0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    await indexAndInfer(m1, RANGE);
    const good = 'c0000000-1111-4222-8333-444455556661';
    const afterBadLine = 'c0000000-1111-4222-8333-444455556663';
    writeSegment(folder, X, 1, [header(1), sessionLine(good, DAY + 60 * MINUTE), end(1)]);
    writeSegment(folder, X, 2, [header(2), sessionLine('c0000000-1111-4222-8333-444455556662', DAY)]);
    writeSegment(folder, X, 3, [
      header(3),
      '{"kind": "session", "id": ',
      sessionLine(afterBadLine, DAY + 90 * MINUTE),
      end(2),
    ]);
    writeSegment(folder, X, 4, [header(4, { version: 99 }), end(0)]);
    writeSegment(folder, X, 5, [header(5, { instance: '2d2d2d2d-1111-4222-8333-444455556666' }), end(0)]);
    writeSegment(folder, '3e3e3e3e-1111-4222-8333-444455556666', 1, [header(1), end(0)]);

    const result = await m1.tt(['sync', '--folder', folder]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('imported 2 segments: 2 sessions');
    expect(result.stderr).toContain('seg-00000002.jsonl: cut short');
    expect(result.stderr).toContain('seg-00000003.jsonl:2: not JSON');
    expect(result.stderr).toContain('seg-00000004.jsonl: written by a newer tt (segment format 99');
    expect(result.stderr).toContain('seg-00000005.jsonl: two machines claim the id');
    expect(result.stderr).toContain(`it says it is from machine ${X}, but lies in 3e3e3e3e`);
    expect(await sessionIdsOf(m1)).toEqual(
      ['b0000000-1111-4222-8333-444455556661', good, afterBadLine].sort(),
    );
    const machines = JSON.parse((await m1.ok(['sync', 'machines', '--json'])).stdout) as { name: string }[];
    expect(machines.map((m) => m.name)).toContain('box-0b0b');

    // `tt sync status` says what was skipped and why, and what still waits in the folder.
    const status = JSON.parse((await m1.ok(['sync', 'status', '--folder', folder, '--json'])).stdout) as {
      pendingExport: { sessions: number; events: number; edits: number };
      machines: {
        id: string;
        lastSegment: number | null;
        pendingImport: number | null;
        skipped: { seq: number; reason: string }[];
      }[];
    };
    expect(status.pendingExport).toEqual({ sessions: 0, events: 0, edits: 0 });
    const box = status.machines.find((m) => m.id === X)!;
    expect(box).toMatchObject({ lastSegment: 3, pendingImport: 3 });
    expect(box.skipped.map((skip) => [skip.seq, skip.reason.split(' (')[0]])).toEqual([
      [2, 'cut short'],
      [4, 'written by a newer tt'],
      [5, 'two machines claim the id 0b0b0b0b-1111-4222-8333-444455556666'],
    ]);
    const text = (await m1.ok(['sync', 'status', '--folder', folder])).stdout;
    expect(text).toContain('box-0b0b: segment 3, written 2026-11-03T09:00:00.000Z, 3 waiting to be imported');
    expect(text).toContain('skipped segment 2: cut short');

    // Again: what was imported is not imported twice; what is bad is still said.
    const again = await m1.tt(['sync', '--folder', folder]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('imported 0 segments');
    expect(again.stderr).toContain('cut short');
    expect(await sessionIdsOf(m1)).toHaveLength(3);
  });

  it('says so when the folder is gone or cannot be written, and changes nothing else', async () => {
    const folder = tempDir('tt-sync-folder-');
    const m1 = makeMachine('m1', 0);
    addSession(m1, 'b0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    await indexAndInfer(m1, RANGE);
    const before = await streamsSeen(m1);

    const gone = await m1.tt(['sync', '--folder', join(folder, 'unplugged')]);
    expect(gone.exitCode).toBe(2);
    expect(gone.stderr).toContain('does not exist');

    // Where this machine's folder should be, a file: its segment cannot be written there.
    mkdirSync(join(folder, 'tt'), { recursive: true });
    writeFileSync(join(folder, 'tt', await localMachineId(m1)), 'in the way');
    writeSegment(folder, X, 1, [header(1), sessionLine('c0000000-1111-4222-8333-444455556661', DAY), end(1)]);
    const blocked = await m1.tt(['sync', '--folder', folder]);
    expect(blocked.exitCode).toBe(0);
    expect(blocked.stderr).toMatch(/skipped .*cannot write to/);
    expect(blocked.stdout).toContain('imported 1 segment: 1 session');
    expect((await streamsSeen(m1)).json).not.toEqual(before.json);
    expect(await sessionIdsOf(m1)).toHaveLength(2);
  });

  it('gives a copied data dir a machine id of its own at open, says so, and loses neither side', async () => {
    const folder = tempDir('tt-sync-folder-');
    const original = makeMachine('original', 0);
    addSession(original, 'a0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    await indexAndInfer(original, RANGE);
    await original.ok(['sync', '--folder', folder]);
    const id = await localMachineId(original);
    const copy = makeMachine('copy', 0);
    cpSync(original.dataDir, copy.dataDir, { recursive: true });

    // The copy's first command says what happened, once; the original stays who it was.
    const first = await copy.ok(['status']);
    expect(first.stderr).toMatch(
      /this data dir is a copy of machine "[^"]+" \([0-9a-f]{8}\): it is now machine/,
    );
    expect((await copy.ok(['status'])).stderr).toBe('');
    expect((await original.ok(['status'])).stderr).toBe('');
    const copyId = await localMachineId(copy);
    expect(copyId).not.toBe(id);
    expect(await localMachineId(original)).toBe(id);

    // Both go on working and syncing: each writes only its own folder, nothing clashes.
    addSession(original, 'a0000000-1111-4222-8333-444455556662', '/work/shop', DAY + 60 * MINUTE);
    await indexAndInfer(original, RANGE);
    addSession(copy, 'c0000000-1111-4222-8333-444455556669', '/work/blog', DAY + 120 * MINUTE);
    await indexAndInfer(copy, RANGE);
    for (const machine of [original, copy, original, copy]) {
      expect((await machine.ok(['sync', '--folder', folder])).stderr).toBe('');
    }
    expect(readdirSync(join(folder, 'tt')).sort()).toEqual([id, copyId].sort());
    const observer = makeMachine('observer', 0);
    await observer.ok(['sync', '--folder', folder]);
    const all = [
      'a0000000-1111-4222-8333-444455556661',
      'a0000000-1111-4222-8333-444455556662',
      'c0000000-1111-4222-8333-444455556669',
    ];
    expect(await sessionIdsOf(observer)).toEqual(all);
    expect(await sessionIdsOf(original)).toEqual(all);
    expect(await sessionIdsOf(copy)).toEqual(all);
    // What the copy held from before stays the original's, on every machine.
    const byMachine = async (m: Machine) =>
      (
        JSON.parse(
          (
            await m.ok([
              'report',
              '--json',
              '--by',
              'machine',
              '--since',
              iso(RANGE.start),
              '--until',
              iso(RANGE.end),
            ])
          ).stdout,
        ) as { rows: { key: string; sessions: number }[] }
      ).rows
        .map((r) => [r.key, r.sessions])
        .sort();
    expect(await byMachine(observer)).toEqual(
      [
        [copyId, 1],
        [id, 2],
      ].sort(),
    );
    expect(await byMachine(copy)).toEqual(await byMachine(observer));
  });
});
