import { describe, expect, it } from 'vitest';
import {
  MINUTE,
  addSession,
  indexAndInfer,
  makeMachine,
  streamIdByName,
  type Machine,
} from '../helpers/sync-machines';
import { tempDir } from '../helpers/temp';

// One machine's clock a day ahead (issue 25, item 2): edits made later on the other machine
// still win, the person hears whose clock is off, and undo takes back only its own edit.

const DAY = Date.UTC(2026, 10, 4, 9, 0);
const RANGE = { start: DAY - 60 * MINUTE, end: DAY + 12 * 60 * MINUTE };
const ONE_DAY = 24 * 60 * MINUTE;

async function names(machine: Machine): Promise<string[]> {
  const list = JSON.parse((await machine.ok(['streams', 'list', '--json'])).stdout) as { name: string }[];
  return list.map((s) => s.name).sort();
}

describe('tt sync with a clock a day ahead', { timeout: 600_000 }, () => {
  it('keeps the physical order of edits, warns by name, and undoes only its own edit', async () => {
    const folder = tempDir('tt-sync-folder-');
    const desk = makeMachine('desk', ONE_DAY);
    const laptop = makeMachine('laptop', 0);
    await desk.ok(['sync', 'name', 'desk']);
    await laptop.ok(['sync', 'name', 'laptop']);
    addSession(desk, 'd0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    addSession(laptop, 'e0000000-1111-4222-8333-444455556661', '/work/shop', DAY + 60 * MINUTE);
    await indexAndInfer(desk, RANGE);
    await indexAndInfer(laptop, RANGE);
    const shop = await streamIdByName(desk, 'shop');

    // The laptop sees an edit of the desk's (stamped a day ahead of its own clock).
    await desk.ok(['streams', 'confirm', shop]);
    await desk.ok(['sync', '--folder', folder]);
    const heard = await laptop.ok(['sync', '--folder', folder]);
    expect(heard.stderr).toContain(
      "tt: desk's clock is 1 day ahead of this machine's (edits keep their order; set the clocks right)",
    );
    expect((await desk.ok(['sync', '--folder', folder])).stderr).toBe('');
    const status = (await laptop.ok(['sync', 'status', '--folder', folder])).stdout;
    expect(status).toMatch(/desk: segment 1, written [^,]+, 0 waiting to be imported, clock 1 day ahead/);
    expect(status).toContain("warning    desk's clock is 1 day ahead of this machine's");

    // The desk renames; half a minute later (by the laptop's clock) the laptop renames too.
    await desk.ok(['streams', 'rename', shop, 'Shop (desk)']);
    await laptop.ok(['streams', 'rename', shop, 'Shop (laptop)'], { TT_CLOCK_OFFSET_MS: String(30_000) });
    await desk.ok(['sync', '--folder', folder]);
    // Both renamed without seeing each other: each machine says which name was kept, and how to switch.
    const conflict = `desk and laptop both renamed stream ${shop.slice(0, 8)}: kept laptop's "Shop (laptop)" over desk's "Shop (desk)" (to switch: tt streams rename ${shop} "Shop (desk)")`;
    expect((await laptop.ok(['sync', '--folder', folder])).stdout).toContain(conflict);
    expect((await desk.ok(['sync', '--folder', folder])).stdout).toContain(conflict);
    expect((await desk.ok(['sync', 'status'])).stdout).toContain(`conflict   ${conflict}`);
    expect(await names(desk)).toEqual(['Shop (laptop)']);
    expect(await names(laptop)).toEqual(['Shop (laptop)']);

    // The desk takes its rename back: the laptop's later one stays, on both.
    const undone = await desk.ok(['streams', 'undo']);
    expect(undone.stdout).toContain('Renamed "shop" to "Shop (desk)"');
    expect(await names(desk)).toEqual(['Shop (laptop)']);
    for (const machine of [desk, laptop, desk]) await machine.ok(['sync', '--folder', folder]);
    expect(await names(desk)).toEqual(['Shop (laptop)']);
    expect(await names(laptop)).toEqual(['Shop (laptop)']);

    // Undo still takes back an edit that is all its own: the confirm.
    await desk.ok(['streams', 'undo']);
    const confirmed = JSON.parse((await desk.ok(['streams', 'list', '--json'])).stdout) as {
      name: string;
      reviewed: boolean;
    }[];
    expect(confirmed).toMatchObject([{ name: 'Shop (laptop)', reviewed: false }]);
  });
});
