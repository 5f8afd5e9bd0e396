import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';

// `tt streams new|split|assign|redo` on the real transcripts, indexed by the real CLI. The
// first two days are inferred by project; the rest is left unassigned for `assign`.
const FIRST_DAYS = ['--start', '2026-02-10T00:00Z', '--end', '2026-02-11T12:00Z'];
const ALL_DAYS = ['--start', '2026-02-10T00:00Z', '--end', '2026-02-13T00:00Z'];

type Tt = (...args: string[]) => ReturnType<typeof runTt>;
interface ListedStream {
  id: string;
  name: string;
  sessionIds: string[];
  reviewed: boolean;
  source: string;
}

let indexedDir = '';
beforeAll(async () => {
  indexedDir = mkdtempSync(join(tmpdir(), 'tt-corrections-'));
  const indexed = await runTt(['sessions', 'index', '--root', CLAUDE_FIXTURE_ROOT], {
    env: { TT_DATA_DIR: indexedDir },
  });
  expect(indexed.exitCode).toBe(0);
});
afterAll(() => rmSync(indexedDir, { recursive: true, force: true }));

/** A copy of the indexed database with the first days inferred by project. */
async function inferredCopy(): Promise<{ tt: Tt; list: () => Promise<ListedStream[]> }> {
  const dataDir = tempDir();
  copyFileSync(join(indexedDir, 'tt.db'), join(dataDir, 'tt.db'));
  const tt: Tt = (...args) => runTt(args, { env: { TT_DATA_DIR: dataDir, TZ: 'UTC' } });
  expect((await tt('infer', ...FIRST_DAYS)).exitCode).toBe(0);
  const list = async () => JSON.parse((await tt('streams', 'list', '--json')).stdout) as ListedStream[];
  return { tt, list };
}

describe('tt streams new, split, assign and redo', { timeout: 120_000 }, () => {
  it('splits a stream, keeps the split through inference, and undoes and redoes it', async () => {
    const { tt, list } = await inferredCopy();
    const [spotter] = await list();
    expect(spotter!.sessionIds).toHaveLength(3);
    const [first, second] = spotter!.sessionIds as [string, string];

    const split = await tt('streams', 'split', spotter!.id.slice(0, 8), first.slice(0, 8), second);
    expect(split.exitCode, split.stderr).toBe(0);
    // Named by the sessions' titles when no --name is given: the first session's (they differ).
    expect(split.stdout).toBe(
      'Split 2 sessions from "spotter" into "mix phx.server doesnt seem to start" (undo with `tt streams undo`)',
    );
    const afterSplit = await list();
    const made = afterSplit.find((s) => s.source === 'user')!;
    expect(made.sessionIds.sort()).toEqual([first, second].sort());
    expect(made.reviewed).toBe(true);

    // Inference again, over every day: the person's split stands.
    const again = await tt('infer', ...ALL_DAYS, '--json');
    expect(again.exitCode).toBe(0);
    expect((await list()).find((s) => s.id === made.id)!.sessionIds.sort()).toEqual([first, second].sort());
    // That run is an edit of its own (when it changed anything): undo takes it back first.
    const run = (JSON.parse(again.stdout) as { edit: string | null }).edit;
    if (run !== null) expect((await tt('streams', 'undo')).stdout).toBe(`undid: ${run}`);

    expect((await tt('streams', 'undo')).stdout).toBe(`undid: ${split.stdout.replace(/ \(undo.*$/, '')}`);
    expect((await list()).find((s) => s.id === made.id)).toBeUndefined();
    expect((await list()).find((s) => s.id === spotter!.id)!.sessionIds).toContain(first);

    const redo = await tt('streams', 'redo');
    expect(redo.stdout).toMatch(/^redid: Split 2 sessions from "spotter"/);
    expect((await list()).find((s) => s.id === made.id)!.sessionIds.sort()).toEqual([first, second].sort());
    if (run !== null) expect((await tt('streams', 'redo')).stdout).toBe(`redid: ${run}`);
    expect((await tt('streams', 'redo')).stdout).toBe('nothing to redo');

    // A new edit after an undo: there is nothing left to redo.
    await tt('streams', 'undo');
    await tt('streams', 'rename', spotter!.id, 'Spotter');
    expect((await tt('streams', 'redo')).stdout).toBe('nothing to redo');
  });

  it('makes a named stream of sessions with their subagents', async () => {
    const { tt, list } = await inferredCopy();
    const made = await tt('streams', 'new', 'Bead work', 'ae4a77f8', '4d5611e5');
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stdout).toContain('Made a stream of 2 sessions: "Bead work"');
    const bead = (await list()).find((s) => s.name === 'Bead work')!;
    // Two sessions, each with two subagents.
    expect(bead.sessionIds).toHaveLength(6);
    expect((await tt('infer', ...ALL_DAYS)).exitCode).toBe(0);
    expect((await list()).find((s) => s.name === 'Bead work')!.sessionIds).toHaveLength(6);
  });

  it('assigns a project’s unassigned time in a range to a stream, or to a new one', async () => {
    const { tt, list } = await inferredCopy();
    const [spotter] = await list();
    const range = ['--since', '2026-02-11T00:00Z', '--until', '2026-02-12T00:00Z'];
    const assigned = await tt('streams', 'assign', spotter!.id, '--project', 'spotter-gqc', ...range);
    expect(assigned.exitCode, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain('Assigned 3 sessions of spotter-gqc to "spotter"');
    expect((await list()).find((s) => s.id === spotter!.id)!.sessionIds).toHaveLength(6);
    expect((await tt('infer', ...ALL_DAYS)).exitCode).toBe(0);
    expect((await list()).find((s) => s.id === spotter!.id)!.sessionIds).toHaveLength(6);

    const fresh = await inferredCopy();
    const created = await fresh.tt(
      'streams',
      'assign',
      'Beads import',
      '--new',
      '--project',
      'spotter-gqc',
      ...range,
    );
    expect(created.exitCode, created.stderr).toBe(0);
    expect((await fresh.list()).find((s) => s.name === 'Beads import')!.sessionIds).toHaveLength(3);
  });

  it('refuses bad ids, empty selections and empty ranges, and changes nothing', async () => {
    const { tt, list } = await inferredCopy();
    const before = await list();
    const [spotter] = before;
    const check = async (args: string[], code: number, message: string) => {
      const result = await tt(...args);
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr).toContain(message);
      expect(await list()).toEqual(before);
    };
    await check(['streams', 'new', 'Nothing'], 2, "missing required argument 'sessions'");
    await check(['streams', 'split', spotter!.id], 2, "missing required argument 'sessions'");
    await check(['streams', 'new', 'X', 'no-such-session'], 4, 'no session with id no-such-session');
    await check(['streams', 'new', 'X', spotter!.sessionIds[0]!, 'abc'], 2, 'at least 4 characters');
    await check(['streams', 'new', ' ', spotter!.sessionIds[0]!], 2, 'a name cannot be empty');
    await check(['streams', 'split', 'ffffffff', spotter!.sessionIds[0]!], 4, 'no stream with id ffffffff');
    // A session of another day is not in the stream it would be split from.
    await check(['streams', 'split', spotter!.id, 'ae4a77f8'], 2, 'not in "spotter"');
    const range = ['--from', '2026-02-11T00:00Z', '--to', '2026-02-12T00:00Z'];
    await check(['streams', 'assign', 'ffffffff', '--project', 'spotter-gqc', ...range], 4, 'no stream');
    await check(
      ['streams', 'assign', spotter!.id, '--project', 'no-such-project', ...range],
      2,
      'nothing of project "no-such-project" is unassigned',
    );
    await check(
      [
        'streams',
        'assign',
        spotter!.id,
        '--project',
        'spotter-gqc',
        '--from',
        '2026-02-12',
        '--to',
        '2026-02-11',
      ],
      2,
      '--to must be after --from',
    );
    expect((await tt('streams', 'redo')).stdout).toBe('nothing to redo');
  });
});
