import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import {
  MINUTE,
  addFocus,
  addSession,
  indexAndInfer,
  makeMachine,
  streamsSeen,
  type Machine,
} from '../helpers/sync-machines';

// What goes wrong around sync: an export killed halfway, segments cut short, corrupt, from a
// newer tt or from two machines claiming one id, a folder that is gone or cannot be written.
// Each is skipped with its reason; the rest goes through and the local store stays whole.

const DAY = Date.UTC(2026, 10, 3, 9, 0);
const RANGE = { start: DAY - 60 * MINUTE, end: DAY + 12 * 60 * MINUTE };

async function machineId(machine: Machine): Promise<string> {
  const machines = JSON.parse((await machine.ok(['sync', 'machines', '--json'])).stdout) as {
    id: string;
    isLocal: boolean;
  }[];
  return machines.find((m) => m.isLocal)!.id;
}

async function sessionIds(machine: Machine): Promise<string[]> {
  const list = JSON.parse((await machine.ok(['sessions', 'list', '--json'])).stdout) as {
    sessionId: string;
  }[];
  return list.map((s) => s.sessionId).sort();
}

async function eventCount(machine: Machine): Promise<number> {
  const status = JSON.parse((await machine.ok(['status', '--json'])).stdout) as {
    counts: { events: number };
  };
  return status.counts.events;
}

const X = '0b0b0b0b-1111-4222-8333-444455556666';
const INSTANCE = '1c1c1c1c-1111-4222-8333-444455556666';

function header(seq: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    tt: 'sync-segment',
    version: 1,
    machine: X,
    machineName: 'box',
    instance: INSTANCE,
    seq,
    createdAt: DAY,
    ...extra,
  });
}

function sessionLine(id: string, start: number) {
  return JSON.stringify({
    kind: 'session',
    id,
    version: 1,
    row: {
      parent_session_id: null,
      project_path: '/work/box',
      project_name: 'box',
      start_time: start,
      end_time: start + 5 * MINUTE,
      message_count: 2,
      summary: null,
      custom_title: null,
      first_prompt: 'hello',
      is_subagent: 0,
      agent_type: null,
      last_message_uuid: null,
      git_branch: 'main',
      git_branch_share: 1,
    },
    prompts: [[start, 'hello']],
    activity: [[start, start + 5 * MINUTE]],
    spans: [['agent', start, 0, start, start + 5 * MINUTE]],
  });
}

function writeSegment(folder: string, machine: string, seq: number, lines: string[]) {
  const dir = join(folder, 'tt', machine);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `seg-${String(seq).padStart(8, '0')}.jsonl`), `${lines.join('\n')}\n`);
}

const end = (records: number) => JSON.stringify({ kind: 'end', records });

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
    const id0 = await machineId(m0);
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

    expect(await sessionIds(m1)).toEqual(await sessionIds(m0));
    expect(await sessionIds(m1)).toHaveLength(3);
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
    expect(await sessionIds(m1)).toEqual(['b0000000-1111-4222-8333-444455556661', good, afterBadLine].sort());
    const machines = JSON.parse((await m1.ok(['sync', 'machines', '--json'])).stdout) as { name: string }[];
    expect(machines.map((m) => m.name)).toContain('box');

    // Again: what was imported is not imported twice; what is bad is still said.
    const again = await m1.tt(['sync', '--folder', folder]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('imported 0 segments');
    expect(again.stderr).toContain('cut short');
    expect(await sessionIds(m1)).toHaveLength(3);
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
    writeFileSync(join(folder, 'tt', await machineId(m1)), 'in the way');
    writeSegment(folder, X, 1, [header(1), sessionLine('c0000000-1111-4222-8333-444455556661', DAY), end(1)]);
    const blocked = await m1.tt(['sync', '--folder', folder]);
    expect(blocked.exitCode).toBe(0);
    expect(blocked.stderr).toMatch(/skipped .*cannot write to/);
    expect(blocked.stdout).toContain('imported 1 segment: 1 session');
    expect((await streamsSeen(m1)).json).not.toEqual(before.json);
    expect(await sessionIds(m1)).toHaveLength(2);
  });

  it('says so when a copied data dir writes as the same machine, and leaves its segment alone', async () => {
    const folder = tempDir('tt-sync-folder-');
    const original = makeMachine('original', 0);
    addSession(original, 'a0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    await indexAndInfer(original, RANGE);
    await original.ok(['sync', '--folder', folder]);
    const copy = makeMachine('copy', 0);
    cpSync(original.dataDir, copy.dataDir, { recursive: true });
    addSession(original, 'a0000000-1111-4222-8333-444455556662', '/work/shop', DAY + 60 * MINUTE);
    await indexAndInfer(original, RANGE);
    addSession(copy, 'c0000000-1111-4222-8333-444455556669', '/work/blog', DAY + 120 * MINUTE);
    await indexAndInfer(copy, RANGE);
    expect((await original.ok(['sync', '--folder', folder])).stderr).toBe('');
    const clash = await copy.ok(['sync', '--folder', folder]);
    expect(clash.stderr).toContain(
      'seg-00000002.jsonl: another tt writes as this machine (a copied data dir?)',
    );
    const id = await machineId(original);
    expect(readFileSync(join(folder, 'tt', id, 'seg-00000002.jsonl'), 'utf8')).toContain(
      'a0000000-1111-4222-8333-444455556662',
    );
  });
});
