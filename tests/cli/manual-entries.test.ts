import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import {
  MINUTE,
  addFocus,
  addSession,
  indexAndInfer,
  iso,
  makeMachine,
  reportSeen,
  type Machine,
} from '../helpers/sync-machines';

// Time added by hand: `tt add`, `tt entries`, undo and redo, refusals, and sync to another
// machine. It counts as direct time in the report and the timesheet, marked as added by hand.

const DAY = Date.UTC(2026, 9, 5, 8, 0);
const RANGE = { start: Date.UTC(2026, 9, 5), end: Date.UTC(2026, 9, 6) };

async function withWork(label: string): Promise<Machine> {
  const machine = makeMachine(label, 0);
  addSession(machine, '00000001-1111-4222-8333-444455556666', '/work/shop', DAY, 8);
  addFocus(
    machine,
    '/work/shop',
    [1, 3, 6].map((m) => DAY + m * MINUTE),
  );
  addSession(machine, '00000002-1111-4222-8333-444455556666', '/work/blog', DAY + 120 * MINUTE, 8);
  await indexAndInfer(machine, RANGE);
  return machine;
}

type ReportJson = { rows: { name: string; directMs: number }[]; total: { directMs: number } };

async function report(machine: Machine, by = 'project'): Promise<ReportJson> {
  return (await reportSeen(machine, RANGE, by)) as ReportJson;
}

/** `tt add` on a project, times in UTC on 5 October ("10:30"). */
function addEntry(machine: Machine, project: string, from: string, to: string, ...more: string[]) {
  const at = (time: string) => `2026-10-05T${time}Z`;
  return machine.ok(['add', '--project', project, '--start', at(from), '--end', at(to), ...more]);
}

const directOf = (r: ReportJson, name: string) => r.rows.find((row) => row.name === name)?.directMs ?? 0;

async function entries(machine: Machine) {
  const out = await machine.ok([
    'entries',
    'list',
    '--json',
    '--since',
    iso(RANGE.start),
    '--until',
    iso(RANGE.end),
  ]);
  return JSON.parse(out.stdout) as {
    id: string;
    note: string;
    start: string;
    end: string;
    streamName: string;
  }[];
}

describe('time added by hand', { timeout: 300_000 }, () => {
  it('counts as direct time in the report and the timesheet, and undo and redo take it back and again', async () => {
    const machine = await withWork('hand');
    const before = await report(machine);
    // 10:30–11:15 UTC: nothing else happened then, so shop gains exactly 45 minutes.
    const added = await addEntry(machine, 'shop', '10:30', '11:15', '--note', 'design review');
    expect(added.stdout).toMatch(/Added 45m by hand to "shop"/);
    const after = await report(machine);
    expect(directOf(after, 'shop') - directOf(before, 'shop')).toBe(45 * MINUTE);
    expect(directOf(after, 'blog')).toBe(directOf(before, 'blog'));
    const byAgent = await report(machine, 'agent');
    expect(directOf(byAgent, 'added by hand')).toBe(45 * MINUTE);

    const sheet = JSON.parse(
      (
        await machine.ok([
          'timesheet',
          '--since',
          iso(RANGE.start),
          '--until',
          iso(RANGE.end),
          '--format',
          'json',
        ])
      ).stdout,
    ) as { rows: { project: string; ms: number; description: string }[] };
    const shop = sheet.rows.find((r) => r.project === 'shop')!;
    expect(shop.ms).toBe(directOf(after, 'shop'));
    expect(shop.description).toContain('design review');

    // Over the terminal's own time, an entry replaces what focus said (never double-counted).
    await machine.ok([
      'add',
      '--project',
      'blog',
      '--start',
      '2026-10-05T08:00Z',
      '--end',
      '2026-10-05T08:10Z',
    ]);
    const over = await report(machine);
    expect(over.total.directMs).toBeLessThanOrEqual(after.total.directMs + 10 * MINUTE);
    expect(directOf(over, 'blog') - directOf(after, 'blog')).toBe(10 * MINUTE);

    const [first] = (await entries(machine)).filter((e) => e.note === 'design review');
    await machine.ok(['entries', 'edit', first!.id.slice(0, 8), '--end', '2026-10-05T11:00Z']);
    expect(directOf(await report(machine), 'shop')).toBe(directOf(over, 'shop') - 15 * MINUTE);
    await machine.ok(['streams', 'undo']);
    expect(directOf(await report(machine), 'shop')).toBe(directOf(over, 'shop'));
    await machine.ok(['entries', 'delete', first!.id]);
    expect((await entries(machine)).map((e) => e.note)).toEqual(['']);
    await machine.ok(['streams', 'undo']);
    expect((await entries(machine)).map((e) => e.note).sort()).toEqual(['', 'design review']);
    await machine.ok(['streams', 'redo']);
    expect((await entries(machine)).map((e) => e.note)).toEqual(['']);
  });

  it('refuses bad entries with exit 2 and writes nothing', async () => {
    const machine = await withWork('refuse');
    await machine.ok([
      'add',
      '--project',
      'shop',
      '--start',
      '2026-10-05T10:30Z',
      '--end',
      '2026-10-05T11:00Z',
    ]);
    const refused = async (args: string[], words: RegExp) => {
      const result = await machine.tt(['add', ...args]);
      expect(result.exitCode, `tt add ${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(words);
    };
    await refused(
      ['--project', 'shop', '--start', '2026-10-05T10:45Z', '--end', '2026-10-05T11:30Z'],
      /overlaps/,
    );
    await refused(
      ['--project', 'shop', '--start', '2026-10-05T12:00Z', '--end', '2026-10-05T11:00Z'],
      /after/,
    );
    await refused(
      ['--project', 'nowhere', '--start', '2026-10-05T12:00Z', '--end', '2026-10-05T13:00Z'],
      /no project "nowhere"/,
    );
    await refused(
      ['--project', 'shop', '--start', '2026-10-05T12:00Z', '--end', '2026-10-07T13:00Z'],
      /24 hours/,
    );
    await refused(['--start', '2026-10-05T12:00Z', '--end', '2026-10-05T13:00Z'], /--stream or --project/);
    await refused(['--project', 'shop', '--start', 'noon', '--end', '2026-10-05T13:00Z'], /not a time/);
    expect(await entries(machine)).toHaveLength(1);
    const missing = await machine.tt(['entries', 'delete', 'ffffffff']);
    expect(missing.exitCode).toBe(4);
  });

  it('reaches another machine through tt sync, and so does its deletion', async () => {
    const folder = tempDir('tt-sync-hand-');
    const laptop = await withWork('laptop');
    const desk = makeMachine('desk', 0);
    await laptop.ok(['sync', 'name', 'laptop']);
    await addEntry(laptop, 'shop', '10:30', '11:15', '--note', 'call');
    await laptop.ok(['sync', '--folder', folder]);
    await desk.ok(['sync', '--folder', folder]);
    expect((await entries(desk)).map((e) => e.note)).toEqual(['call']);
    const onLaptop = await report(laptop);
    expect(await report(desk)).toEqual(onLaptop);
    expect(directOf(onLaptop, 'shop')).toBeGreaterThan(45 * MINUTE);
    const byMachine = await report(desk, 'machine');
    expect(byMachine.rows.map((row) => row.name)).toEqual(['laptop']);

    const [entry] = await entries(desk);
    await desk.ok(['entries', 'delete', entry!.id]);
    await desk.ok(['sync', '--folder', folder]);
    await laptop.ok(['sync', '--folder', folder]);
    expect(await entries(laptop)).toEqual([]);
    expect(directOf(await report(laptop), 'shop')).toBe(directOf(onLaptop, 'shop') - 45 * MINUTE);
  });
});
