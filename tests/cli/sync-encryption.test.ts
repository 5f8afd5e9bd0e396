import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { installStandInSecretTool } from '../helpers/stand-ins';
import { tempDir } from '../helpers/temp';
import {
  MINUTE,
  addSession,
  indexAndInfer,
  localMachineId,
  makeMachine,
  sessionIdsOf,
  streamsSeen,
} from '../helpers/sync-machines';

// Encrypted sync (issue 25, item 9): with a passphrase (kept in the keychain; here a stand-in
// secret-tool), segments in the folder hold no readable byte of the person's data; another
// machine with the same passphrase reads them; without it, with another one, or when a byte
// was changed, each segment is skipped with a reason that says which.

const DAY = Date.UTC(2026, 10, 7, 9, 0);
const RANGE = { start: DAY - 60 * MINUTE, end: DAY + 12 * 60 * MINUTE };
const PASSPHRASE = 'correct horse battery staple';
const SESSION = 'e9e9e9e9-1111-4222-8333-444455556661';

describe('encrypted sync', { timeout: 600_000 }, () => {
  it('writes only ciphertext, reads it with the same passphrase, and says why it cannot otherwise', async () => {
    const folder = tempDir('tt-sync-folder-');
    const bin = tempDir('tt-keychain-bin-');
    installStandInSecretTool(bin);
    const keyring = tempDir('tt-keyrings-');
    const env = (name: string) => ({
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      STAND_IN_KEYRING: join(keyring, name),
    });
    const laptop = makeMachine('laptop', 0, env('laptop'));
    const desk = makeMachine('desk', 0, env('desk'));
    addSession(laptop, SESSION, '/work/secret-project', DAY);
    await indexAndInfer(laptop, RANGE);
    const passphrase = (input: string) =>
      runTt(['sync', 'passphrase'], { env: { TT_DATA_DIR: laptop.dataDir, ...env('laptop') }, input });
    const short = await passphrase('too short\n');
    expect(short.exitCode).toBe(2);
    expect(short.stderr).toContain('at least 12 characters');
    const stored = await passphrase(`${PASSPHRASE}\n`);
    expect(stored.exitCode, stored.stderr).toBe(0);
    expect(readFileSync(join(keyring, 'laptop'), 'utf8')).toBe(PASSPHRASE);
    await laptop.ok(['sync', '--folder', folder]);

    const laptopId = await localMachineId(laptop);
    const files = readdirSync(join(folder, 'tt', laptopId));
    expect(files).toEqual(['seg-00000001.jsonl.enc']);
    const segment = join(folder, 'tt', laptopId, files[0]!);
    const bytes = readFileSync(segment);
    for (const plain of ['secret-project', SESSION, 'step 0', 'sync-segment', laptopId]) {
      expect(bytes.includes(Buffer.from(plain)), plain).toBe(false);
    }

    // No passphrase here, then another one: skipped, and said why.
    const none = await desk.tt(['sync', '--folder', folder]);
    expect(none.stderr).toContain(
      'seg-00000001.jsonl.enc: encrypted: set the sync passphrase on this machine (`tt sync passphrase`)',
    );
    const wrong = await desk.tt(['sync', '--folder', folder], {
      TT_SYNC_PASSPHRASE: 'not the right passphrase',
    });
    expect(wrong.stderr).toContain(
      'seg-00000001.jsonl.enc: it fails authentication: the sync passphrase here is not the one it was written with',
    );
    expect(await sessionIdsOf(desk)).toEqual([]);

    // The right one, but a byte changed in the folder: refused whole; put back: read.
    const tampered = Buffer.from(bytes);
    tampered[Math.floor(tampered.length / 2)]! ^= 1;
    writeFileSync(segment, tampered);
    const altered = await desk.tt(['sync', '--folder', folder], { TT_SYNC_PASSPHRASE: PASSPHRASE });
    expect(altered.stderr).toContain('it fails authentication');
    expect(await sessionIdsOf(desk)).toEqual([]);
    writeFileSync(segment, bytes);
    const read = await desk.ok(['sync', '--folder', folder], { TT_SYNC_PASSPHRASE: PASSPHRASE });
    expect(read.stdout).toContain('imported 1 segment: 1 session');
    expect(await sessionIdsOf(desk)).toEqual([SESSION]);
    expect((await streamsSeen(desk)).table).toBe((await streamsSeen(laptop)).table);
  });
});
