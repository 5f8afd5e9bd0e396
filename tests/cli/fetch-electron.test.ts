import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const SCRIPT = fileURLToPath(new URL('../../scripts/fetch-electron.mjs', import.meta.url));
const INSTALLED = existsSync(
  fileURLToPath(new URL('../../node_modules/electron/dist/version', import.meta.url)),
);

describe('npm start fetching Electron', () => {
  it.skipIf(INSTALLED)(
    `explains a failed download in words, with the way around it${INSTALLED ? ' — skipped: Electron is installed' : ''}`,
    async () => {
      // A mirror on a closed loopback port: the download fails at once, with no real network.
      const result = await execa(process.execPath, [SCRIPT], {
        reject: false,
        env: { ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: tempDir() },
      });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain("tt: could not download Electron's binary");
      expect(result.stderr).toContain('npx tt dashboard');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
