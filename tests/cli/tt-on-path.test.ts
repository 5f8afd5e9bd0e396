// `npm link` puts bin/tt.js on PATH as a symlink, run by whatever `node` the system has. On a
// Node older than 22.14 (Debian's is 20) tt must still work, through the Node 22 that
// `npm install` brought into node_modules.
import { execa } from 'execa';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TT_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

/** The first `node` on the system PATH (not node_modules/.bin) that is older than 22.14. */
async function findOldSystemNode(): Promise<string | undefined> {
  const dirs = (process.env.PATH ?? '').split(':').filter((dir) => dir && !dir.includes('node_modules'));
  for (const dir of [...dirs, '/usr/bin', '/usr/local/bin']) {
    const candidate = join(dir, 'node');
    const result = await execa(candidate, ['-p', 'process.versions.node'], { reject: false });
    if (result.exitCode !== 0) continue;
    const [major = 0, minor = 0] = String(result.stdout).trim().split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 14)) return candidate;
  }
  return undefined;
}

const oldNode = await findOldSystemNode();

describe('tt on PATH', () => {
  it.skipIf(!oldNode)(`runs with an old system Node (${oldNode ?? 'none on this machine'})`, async () => {
    const bin = tempDir('tt-bin-');
    symlinkSync(TT_BIN, join(bin, 'tt')); // what `npm link` makes
    const dataDir = join(tempDir('tt-data-'), 'data');
    const env = { HOME: tempDir('tt-home-'), PATH: `${bin}:${join(oldNode!, '..')}:/usr/bin:/bin` };

    const status = await execa('tt', ['--data-dir', dataDir, 'status'], {
      env,
      extendEnv: false,
      reject: false,
    });
    expect(status.stderr).toBe('');
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain(`database        ${dataDir}/tt.db`);

    // Exit codes pass through: an unknown command is bad usage (2).
    const bad = await execa('tt', ['no-such-command'], { env, extendEnv: false, reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("unknown command 'no-such-command'");
  });
});
