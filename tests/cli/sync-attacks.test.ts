import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACKS, ATTACK_SESSIONS, ATTACK_STREAMS, writeSyncAttacks } from '../helpers/sync-attacks';
import {
  MINUTE,
  addSession,
  indexAndInfer,
  iso,
  makeMachine,
  streamIdByName,
  localMachineId,
  sessionIdsOf,
} from '../helpers/sync-machines';
import { tempDir } from '../helpers/temp';

// A synced folder is input from outside (issue 25, items 5–8): whoever can write to it may
// leave forged stamps, bombs, links, pipes and impossible rows. Each is skipped with its
// reason, the other machines' segments still go through, and nothing forged lands.

const DAY = Date.UTC(2026, 10, 3, 9, 0);
const RANGE = { start: DAY - 60 * MINUTE, end: DAY + 12 * 60 * MINUTE };

describe('tt sync against a hostile synced folder', { timeout: 600_000 }, () => {
  it('skips every attack with its reason, imports the honest machine, and lets no forged row or edit land', async () => {
    const folder = tempDir('tt-sync-folder-');
    const honest = makeMachine('honest', 0);
    const victim = makeMachine('victim', 0);
    addSession(honest, 'a0000000-1111-4222-8333-444455556661', '/work/blog', DAY + 60 * MINUTE);
    addSession(victim, 'b0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    await indexAndInfer(honest, RANGE);
    await indexAndInfer(victim, RANGE);
    await honest.ok(['sync', '--folder', folder]);
    const shop = await streamIdByName(victim, 'shop');
    await writeSyncAttacks(folder, { day: DAY, now: Date.now(), targetStream: shop });

    const result = await victim.tt(['sync', '--folder', folder]);
    expect(result.exitCode, result.stderr).toBe(0);
    // The honest machine's segment went through, whatever sat beside it.
    expect(result.stdout).toContain('imported 5 segments: 1 session');
    const said = (machine: string, reason: string) =>
      expect(result.stderr).toMatch(
        new RegExp(`tt: skipped ${machine.slice(0, 8)} seg-00000001\\.jsonl[^\\n]*${reason}`),
      );
    said(ATTACKS.futureStamp, 'invalid op: not a clock stamp of 2000–2199');
    said(ATTACKS.futureStamp, 'refused: its clock stamp is 30 days ahead of this machine');
    said(ATTACKS.newlines, 'more than 1000 bad lines');
    said(ATTACKS.zeros, 'a line longer than 32 MB');
    said(ATTACKS.devZero, 'it is a symbolic link: not followed');
    said(ATTACKS.fifo, 'not a regular file');
    expect(result.stderr).toContain(
      `tt: skipped ${ATTACKS.linkedFolder.slice(0, 8)}: its folder is a symbolic link`,
    );
    said(ATTACKS.badTimes, 'invalid session: its end is before its start');
    said(ATTACKS.badTimes, 'invalid session: a time outside 2000–2199');
    said(ATTACKS.badMerges, 'invalid op: it merges a stream into itself');
    said(ATTACKS.badMerges, `refused: it merges ${ATTACK_STREAMS.b} into a stream that is merged into it`);

    expect(await sessionIdsOf(victim)).toEqual(
      ['a0000000-1111-4222-8333-444455556661', 'b0000000-1111-4222-8333-444455556661'].sort(),
    );
    for (const id of Object.values(ATTACK_SESSIONS)) expect(await sessionIdsOf(victim)).not.toContain(id);
    const report = JSON.parse(
      (await victim.ok(['report', '--json', '--since', iso(RANGE.start), '--until', iso(RANGE.end)])).stdout,
    ) as { total: { delegatedMs: number } };
    expect(report.total.delegatedMs).toBeLessThan(3 * 60 * MINUTE);

    // The forged stamp wins nothing: the person's rename after it is what every machine shows,
    // and an edit made after seeing a counter at the format's end still reaches the others.
    await victim.ok(['streams', 'rename', shop, 'Mine']);
    await victim.ok(['sync', '--folder', folder]);
    const seen = await honest.tt(['sync', '--folder', folder]);
    expect(seen.stdout).toContain('imported 6 segments: 1 session, 0 events, 4 edits'); // the victim's, and the attackers' sound ones
    const names = JSON.parse((await honest.ok(['streams', 'list', '--json'])).stdout) as { name: string }[];
    expect(names.map((s) => s.name)).toContain('Mine');
    expect(names.map((s) => s.name)).not.toContain('FORGED');
    expect(names.map((s) => s.name)).not.toContain('FORGED LATER');

    // Skipped again on the next sync (never half-imported), still quickly.
    const again = await victim.tt(['sync', '--folder', folder]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('more than 1000 bad lines');
  });

  it("refuses to write this machine's segments through a symbolic link put in place of its folder", async () => {
    const folder = tempDir('tt-sync-folder-');
    const machine = makeMachine('linked', 0);
    addSession(machine, 'b0000000-1111-4222-8333-444455556661', '/work/shop', DAY);
    await indexAndInfer(machine, RANGE);
    await machine.ok(['sync', '--folder', folder]);
    const own = join(folder, 'tt', await localMachineId(machine));
    const target = tempDir('tt-link-target-');
    renameSync(own, join(folder, 'moved-away'));
    symlinkSync(target, own);
    addSession(machine, 'b0000000-1111-4222-8333-444455556662', '/work/shop', DAY + 60 * MINUTE);
    await indexAndInfer(machine, RANGE);

    const result = await machine.tt(['sync', '--folder', folder]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('is a symbolic link, not a folder: tt writes this machine');
    expect(readdirSync(target)).toEqual([]);
    // Once it is a real folder again, everything is published.
    rmSync(own);
    mkdirSync(own);
    const fixed = await machine.ok(['sync', '--folder', folder]);
    expect(fixed.stdout).toContain('published 2 segments');
    expect(existsSync(join(own, 'seg-00000002.jsonl'))).toBe(true);
  });
});
