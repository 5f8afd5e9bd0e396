// `npm run dist` (scripts/dist/dist.mjs) on a machine that cannot download Electron's binary,
// which is every machine here: electron-builder really runs, against a download mirror on
// 127.0.0.1 that has nothing, and the person reads one sentence instead of a stack trace.
import { execa } from 'execa';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'scripts/dist/dist.mjs');

let server: Server | undefined;
afterEach(() => server?.close());

/** A download mirror on loopback that answers every request with 404, counting them. */
async function emptyMirror(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.statusCode = 404;
    response.end('not here');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, requests };
}

describe('npm run dist', () => {
  it.skipIf(process.platform !== 'linux')(
    "fails with one sentence when Electron's binary cannot be downloaded",
    { timeout: 180_000 },
    async () => {
      const mirror = await emptyMirror();
      const cache = tempDir('tt-electron-cache-');
      const output = tempDir('tt-dist-out-');
      const result = await execa(
        process.execPath,
        [DIST, '--linux', 'deb', `-c.directories.output=${output}`],
        {
          cwd: ROOT,
          reject: false,
          // Not vitest's environment: electron-builder keeps quiet when it sees VITEST set.
          extendEnv: false,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: tempDir('tt-home-'),
            ELECTRON_MIRROR: mirror.url,
            electron_config_cache: cache,
            ELECTRON_BUILDER_CACHE: cache,
          },
          timeout: 170_000,
        },
      );
      expect(mirror.requests.some((url) => /electron-v[\d.]+-linux-x64\.zip/.test(url))).toBe(true);
      expect(result.exitCode, String(result.stderr) + String(result.stdout)).toBe(5);
      const said = String(result.stderr).trim();
      expect(said.split('\n')).toHaveLength(1);
      expect(said).toMatch(
        /^tt: npm run dist cannot build the installers: Electron's binary \(Electron [\d.]+, which every installer is built from\) cannot be downloaded \(.*404.*\); check the connection, or set ELECTRON_MIRROR, and run it again\.$/,
      );
      // No stack trace anywhere: electron-builder's progress lines, then the sentence.
      expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at /);
      expect(String(result.stdout)).toContain('packaging');
      // Nothing half-built was left where an installer would be.
      expect(readdirSync(output).filter((f) => /\.(deb|AppImage)$/.test(f))).toEqual([]);
    },
  );

  it('refuses to start when an icon is missing, naming it and the way to make it', async () => {
    // A copy of the project's packaging inputs, without the macOS icon.
    const project = tempDir('tt-project-');
    for (const path of ['package.json', 'resources', 'scripts/dist']) {
      cpSync(join(ROOT, path), join(project, path), { recursive: true });
    }
    rmSync(join(project, 'resources/icon.icns'));
    mkdirSync(join(project, 'out/main'), { recursive: true });
    const result = await execa(process.execPath, [join(project, 'scripts/dist/dist.mjs')], {
      cwd: project,
      reject: false,
    });
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toBe(
      'tt: npm run dist cannot build the installers: resources/icon.icns is missing; run `npm run icons` to make it from resources/icon.svg.',
    );
    expect(String(result.stdout)).toBe('');
  });
});
