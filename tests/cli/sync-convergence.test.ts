import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import {
  SYNC_RANGE,
  expectCleanSync,
  expectConverged,
  expectMeetingEditsOutcome,
  indexAndInfer,
  makeMeetingEdits,
  seedThreeMachines,
  seededRandom,
  testSeed,
  shuffled,
  type Machine,
} from '../helpers/sync-machines';

// Three machines of one person, one synced folder: whatever order they sync in, and with
// clocks ten minutes apart, they end with the same streams and the same report.

async function syncAll(machines: readonly Machine[], folder: string, random: () => number, passes: number) {
  const order: string[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const machine of shuffled(machines, random)) {
      order.push(machine.label);
      const result = await machine.ok(['sync', '--folder', folder]);
      expectCleanSync(result.stderr, `${machine.label} sync`);
    }
  }
  return order.join(' ');
}

describe('tt sync through a shared folder', { timeout: 600_000 }, () => {
  it('converges three machines with skewed clocks whatever order they sync in, edits included', async () => {
    const seed = testSeed('sync convergence');
    const random = seededRandom(seed);
    const folder = tempDir('tt-sync-folder-');
    const machines = seedThreeMachines();
    for (const machine of machines) await indexAndInfer(machine, SYNC_RANGE);

    let order = `seed ${seed}: ${await syncAll(machines, folder, random, 2)}`;
    const before = await expectConverged(machines, order);
    expect(before.map((s) => s.name).sort()).toEqual(['blog', 'docs', 'shop']);
    expect(before.find((s) => s.name === 'shop')!.sessionIds).toHaveLength(3);
    expect(before.every((s) => s.directMs > 0)).toBe(true);

    await makeMeetingEdits(machines);
    order += ` | ${await syncAll(machines, folder, random, 2)}`;
    const after = await expectConverged(machines, order);
    expectMeetingEditsOutcome(after);

    // Re-running changes nothing anywhere.
    order += ` | ${await syncAll(machines, folder, random, 1)}`;
    expect(await expectConverged(machines, order)).toEqual(after);
    const warnings: string[][] = [];
    for (const machine of machines) {
      const again = await machine.ok(['sync', '--folder', folder, '--json']);
      const result = JSON.parse(again.stdout) as {
        imported: { segments: number };
        exported: { segment: null };
        warnings: string[];
      };
      expect(result.imported.segments).toBe(0);
      expect(result.exported.segment).toBeNull();
      warnings.push(result.warnings.map((w) => w.replace(/^.*'s clock is (\d+ min) ahead.*$/, '$1')).sort());
    }
    // Each machine says which clocks run ahead of its own: m2's (10 min fast) on m0; m0's and
    // m2's on m1 (10 min slow); none on m2.
    expect(warnings).toEqual([['10 min'], ['10 min', '20 min'], []]);
    // One folder per machine, holding only its segments (never a transcript), private to the person.
    const machineFolders = readdirSync(join(folder, 'tt'));
    expect(machineFolders).toHaveLength(3);
    for (const name of machineFolders) {
      expect(statSync(join(folder, 'tt', name)).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(join(folder, 'tt', name))) {
        expect(file).toMatch(/^seg-\d{8}\.jsonl$/);
        expect(statSync(join(folder, 'tt', name, file)).mode & 0o777).toBe(0o600);
      }
    }
  });
});
