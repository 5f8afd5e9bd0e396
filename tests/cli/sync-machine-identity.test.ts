import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeGitRepo } from '../helpers/git-repos';
import {
  MINUTE,
  addSession,
  indexAndInfer,
  makeMachine,
  streamsSeen,
  type Machine,
} from '../helpers/sync-machines';
import { tempDir } from '../helpers/temp';

// A data dir is a machine: an id and a name from its first use, given to what it held before
// sync existed (a schema-4 database of real transcripts here), and the names its segments carry.

const V4_DATABASE = fileURLToPath(new URL('../fixtures/db-v4-real-transcripts/tt.db', import.meta.url));

interface MachineJson {
  id: string;
  name: string;
  isLocal: boolean;
}

async function machines(machine: Machine): Promise<MachineJson[]> {
  return JSON.parse((await machine.ok(['sync', 'machines', '--json'])).stdout) as MachineJson[];
}

function segmentRecords(folder: string, id: string): Record<string, unknown>[] {
  const dir = join(folder, 'tt', id);
  return readdirSync(dir).flatMap((name) =>
    (name.endsWith('.gz') ? gunzipSync(readFileSync(join(dir, name))) : readFileSync(join(dir, name)))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
}

describe('machine identity', { timeout: 300_000 }, () => {
  it('gives an upgraded data dir an id and the host name, and its old sessions to this machine', async () => {
    const machine = makeMachine('old', 0);
    await machine.ok(['status']); // creates the data dir
    copyFileSync(V4_DATABASE, join(machine.dataDir, 'tt.db'));
    const [local] = await machines(machine);
    expect(local).toMatchObject({ name: hostname(), isLocal: true });
    expect(local!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    await machine.ok(['sync', 'name', 'Work laptop']);
    const folder = tempDir('tt-sync-folder-');
    const synced = JSON.parse(
      (await machine.ok(['sync', '--folder', folder, '--json', '--gzip'])).stdout,
    ) as {
      exported: { sessions: number; segment: string };
    };
    expect(synced.exported).toMatchObject({ sessions: 13, segment: 'seg-00000001.jsonl.gz' });
    const records = segmentRecords(folder, local!.id);
    expect(records[0]).toMatchObject({ tt: 'sync-segment', machine: local!.id, machineName: 'Work laptop' });
    // Prompts go with their words unless asked otherwise (this schema-4 database kept only first prompts).
    const firstPrompts = records.flatMap((r) =>
      r.kind === 'session' ? [(r.row as { first_prompt: string | null }).first_prompt] : [],
    );
    expect(firstPrompts.some((text) => text !== null)).toBe(true);

    // Another data dir is another machine, and reads the gzipped segment.
    const other = makeMachine('new', 0);
    const [otherLocal] = await machines(other);
    expect(otherLocal!.id).not.toBe(local!.id);
    const imported = await other.ok(['sync', '--folder', folder]);
    expect(imported.stdout).toContain('imported 1 segment: 13 sessions');
    expect((await machines(other)).map((m) => m.name)).toContain('Work laptop');
  });

  it("leaves the prompts' words out of the segments when asked", async () => {
    const machine = makeMachine('quiet', 0);
    await machine.ok(['status']);
    copyFileSync(V4_DATABASE, join(machine.dataDir, 'tt.db'));
    await machine.ok(['settings', 'set', 'sync-prompts', 'false']);
    const folder = tempDir('tt-sync-folder-');
    await machine.ok(['sync', '--folder', folder]);
    const [local] = await machines(machine);
    const sessions = segmentRecords(folder, local!.id).filter((r) => r.kind === 'session');
    expect(sessions).toHaveLength(13);
    for (const session of sessions) {
      expect((session.row as { first_prompt: unknown }).first_prompt).toBeNull();
      for (const [, text] of session.prompts as [number, string | null][]) expect(text).toBeNull();
    }
    const refused = await machine.tt(['settings', 'set', 'sync-folder', 'relative/dir']);
    expect(refused.exitCode).toBe(0); // resolved to an absolute path, as project roots are
    const none = await machine.tt(['sync']);
    expect(none.exitCode).toBe(2);
  });

  it('keys a session by the project its own machine saw, on a machine without its folder', async () => {
    const day = Date.UTC(2026, 10, 5, 9, 0);
    const range = { start: day - 60 * MINUTE, end: day + 12 * 60 * MINUTE };
    const laptop = makeMachine('laptop', 0);
    const desk = makeMachine('desk', 0);
    // On the laptop the checkout's folder says little; its remote names the project.
    const checkout = makeGitRepo(
      join(tempDir('tt-checkout-'), 'wip-2'),
      'git@github.com:acme/storefront.git',
    );
    addSession(laptop, 'd0000000-1111-4222-8333-444455556661', checkout, day);
    await indexAndInfer(laptop, range);
    const folder = tempDir('tt-sync-folder-');
    await laptop.ok(['sync', '--folder', folder]);
    rmSync(checkout, { recursive: true, force: true }); // the desk has no such folder
    await desk.ok(['sync', '--folder', folder]);
    const seen = await streamsSeen(desk);
    expect(seen.table).toBe((await streamsSeen(laptop)).table);
    expect(seen.table).toContain('storefront');
  });
});
