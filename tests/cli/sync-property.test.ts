import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import {
  MINUTE,
  addFocus,
  addSession,
  expectCleanSync,
  expectConverged,
  indexAndInfer,
  makeMachine,
  seededRandom,
  testSeed,
  shuffled,
  type Machine,
} from '../helpers/sync-machines';

// Issue 25, item 1: every machine's streams and reports are a function of the merged data
// alone. Random machines do random work (sessions and focus over several days), random edits
// (rename, move, merge, confirm, undo) and sync in a random order; after everyone has synced
// twice, all show the same `tt streams list` and the same reports by stream, project and
// machine. The seed is printed; TT_TEST_SEED=<seed> runs that case again (CI uses a fixed one).

const FIRST_DAY = Date.UTC(2026, 10, 9, 0, 0);
const DAYS = 4;
const RANGE = { start: FIRST_DAY, end: FIRST_DAY + DAYS * 24 * 60 * MINUTE };
const PROJECTS = ['/work/shop', '/work/blog', '/work/docs'];
const STEPS = 12;

interface Stream {
  id: string;
  name: string;
  sessionIds: string[];
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

describe('tt sync converges, whatever happens in whatever order', { timeout: 900_000 }, () => {
  it('random machines, work, edits and syncs end with the same streams and reports everywhere', async () => {
    const seed = testSeed('sync property test');
    const random = seededRandom(seed);
    const folder = tempDir('tt-sync-folder-');
    const machines = [makeMachine('m0', 0), makeMachine('m1', -5 * MINUTE), makeMachine('m2', 5 * MINUTE)];
    const log: string[] = [`seed ${seed}`];
    let sessions = 0;

    const work = async (machine: Machine) => {
      sessions += 1;
      const id = `${String(sessions).padStart(8, '0')}-1111-4222-8333-444455556666`;
      const cwd = pick(PROJECTS, random);
      const start =
        FIRST_DAY +
        Math.floor(random() * DAYS) * 24 * 60 * MINUTE +
        (8 + Math.floor(random() * 9)) * 60 * MINUTE;
      const prompts = 2 + Math.floor(random() * 4);
      addSession(machine, id, cwd, start, prompts);
      // Focus while it runs, and sometimes in its project hours away from any session.
      const focus = Array.from({ length: prompts }, (_, i) => start + i * MINUTE + 30_000);
      if (random() < 0.5) focus.push(start + (2 + Math.floor(random() * 20)) * 60 * MINUTE);
      addFocus(machine, cwd, focus);
      await indexAndInfer(machine, RANGE);
      log.push(
        `${machine.label} works ${id.slice(0, 8)} in ${cwd} on day ${Math.floor((start - FIRST_DAY) / 86_400_000)}`,
      );
    };

    const edit = async (machine: Machine) => {
      const streams = JSON.parse((await machine.ok(['streams', 'list', '--json'])).stdout) as Stream[];
      if (streams.length === 0) return;
      const a = pick(streams, random);
      const others = streams.filter((s) => s.id !== a.id);
      const kinds = ['rename', 'confirm', 'undo', ...(others.length > 0 ? ['move', 'merge'] : [])];
      const kind = pick(kinds, random);
      let args: string[];
      if (kind === 'rename') args = ['streams', 'rename', a.id, `${a.name.split(' ')[0]} ${machine.label}`];
      else if (kind === 'confirm') args = ['streams', 'confirm', a.id];
      else if (kind === 'undo') args = ['streams', 'undo'];
      else if (kind === 'merge') args = ['streams', 'merge', a.id, pick(others, random).id];
      else {
        const withSessions = streams.filter((s) => s.sessionIds.length > 0);
        if (withSessions.length === 0) return;
        const from = pick(withSessions, random);
        const to = pick(
          streams.filter((s) => s.id !== from.id),
          random,
        );
        args = ['streams', 'move', pick(from.sessionIds, random), to.id];
      }
      const result = await machine.tt(args);
      expect([0, 2, 4], `${machine.label}: tt ${args.join(' ')}\n${result.stderr}`).toContain(
        result.exitCode,
      );
      log.push(`${machine.label} ${kind} (${result.exitCode})`);
    };

    const sync = async (machine: Machine) => {
      const result = await machine.ok(['sync', '--folder', folder]);
      expectCleanSync(result.stderr, `${machine.label} sync (${log.join('; ')})`);
      log.push(`${machine.label} syncs`);
    };

    for (const machine of machines) await work(machine);
    for (let step = 0; step < STEPS; step++) {
      const machine = pick(machines, random);
      const action = pick([work, edit, edit, sync, sync], random);
      await action(machine);
    }
    for (let pass = 0; pass < 2; pass++)
      for (const machine of shuffled(machines, random)) await sync(machine);

    await expectConverged(machines, log.join('; '), RANGE);
  });
});
