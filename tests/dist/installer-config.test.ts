// The installers cannot be built here (electron-builder needs Electron's binary for each
// target), so their configuration is checked as data, and packed for real once on Linux with
// electron-builder itself, from a stand-in Electron distribution (tests/helpers/fake-electron).
import { listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParsePool, outsideAsar } from '../../src/main/sessions/parse-pool';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';
// @ts-expect-error -- a build script in plain JavaScript
import { renderIcons } from '../../scripts/icons.mjs';
// @ts-expect-error -- a build script in plain JavaScript
import { checkPackagedApp, PackageCheckError } from '../../scripts/dist/packaged-app.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  build: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- electron-builder's config, as data
};
const config = pkg.build;
const FAKE_ELECTRON = fileURLToPath(new URL('../helpers/fake-electron/electron-bin', import.meta.url));

const targetNames = (platform: { target: (string | { target: string })[] }): string[] =>
  platform.target.map((t) => (typeof t === 'string' ? t : t.target));

describe('the installers, as configured', () => {
  it('lists the four targets: AppImage and deb, dmg for x64 and arm64, nsis', () => {
    expect(targetNames(config.linux)).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(targetNames(config.win)).toEqual(['nsis']);
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('tt');
    // The app's executable is not called `tt`: on Linux that name is the command line's.
    expect(config.linux.executableName).not.toBe('tt');
  });

  it('keeps the native module and the worker files out of the asar archive', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**',
        'out/main/session-worker.js',
        'out/main/chunks/**',
      ]),
    );
    // The prebuild is already Node-API (Electron's ABI); see README, "The desktop app".
    expect(config.npmRebuild).toBe(false);
    expect(existsSync(join(ROOT, config.afterPack as string))).toBe(true);
  });

  it('names icon files that exist and are the ones resources/icon.svg renders to', () => {
    for (const icon of [config.mac.icon, config.win.icon, join(config.linux.icon, '512x512.png')]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
    const rendered = renderIcons(readFileSync(join(ROOT, 'resources/icon.svg'))) as Map<string, Buffer>;
    for (const [relative, bytes] of rendered) {
      const committed = readFileSync(join(ROOT, 'resources', relative));
      expect(committed.equals(bytes), `resources/${relative} is stale: run npm run icons`).toBe(true);
    }
  });

  it(
    'packs the app with electron-builder: native module and worker unpacked, no tests, no dev tools',
    { timeout: 180_000 },
    async () => {
      // An Electron distribution whose "binary" is the stand-in: electron-builder copies it and
      // packs tt beside it exactly as it would with the real one.
      const electronDist = tempDir('tt-electron-dist-');
      copyFileSync(FAKE_ELECTRON, join(electronDist, 'electron'));
      writeFileSync(join(electronDist, 'version'), pkg.devDependencies.electron!.replace(/^\^/, ''));
      const output = tempDir('tt-dist-');
      await build({
        projectDir: ROOT,
        targets: Platform.LINUX.createTarget('dir'),
        publish: 'never',
        config: {
          ...config,
          electronDist,
          electronVersion: pkg.devDependencies.electron!.replace(/^\^/, ''),
          // The hook runs the packaged Electron, which the stand-in cannot do on an asar archive:
          // its checks are run below instead.
          afterPack: null,
          directories: { ...config.directories, output },
        },
      });
      const resources = join(output, 'linux-unpacked', 'resources');
      const unpacked = join(resources, 'app.asar.unpacked');
      expect(existsSync(join(unpacked, 'node_modules/better-sqlite3/prebuilds/linux-x64.node'))).toBe(true);
      expect(existsSync(join(unpacked, 'node_modules/better-sqlite3/prebuilds/darwin-arm64.node'))).toBe(
        false,
      );
      expect(existsSync(join(unpacked, 'out/main/session-worker.js'))).toBe(true);
      // The app starts its workers from there, and they parse a real transcript with nothing but
      // what was unpacked (their chunks, better-sqlite3 and its prebuild): no fallback in-process.
      const worker = outsideAsar(join(resources, 'app.asar/out/main/session-worker.js'));
      expect(worker).toBe(join(unpacked, 'out/main/session-worker.js'));
      const pool = new ParsePool({ workerPath: worker, size: 1 });
      try {
        const project = readdirSync(CLAUDE_FIXTURE_ROOT)[0]!;
        const transcript = readdirSync(join(CLAUDE_FIXTURE_ROOT, project)).find((f) => f.endsWith('.jsonl'))!;
        const outcome = await pool.parse({
          path: join(CLAUDE_FIXTURE_ROOT, project, transcript),
          offset: 0,
          state: null,
          metaPath: null,
        });
        expect(pool.fallbackReason).toBeNull();
        expect(JSON.stringify(outcome)).toContain(transcript.replace(/\.jsonl$/, ''));
      } finally {
        await pool.close();
      }

      const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) =>
        f.replaceAll('\\', '/'),
      );
      expect(files).toEqual(
        expect.arrayContaining([
          '/bin/tt.js',
          '/out/main/index.js',
          '/out/main/cli.js',
          '/out/preload/index.cjs',
          '/out/renderer/index.html',
          '/resources/icon.png',
        ]),
      );
      expect(files.filter((f) => /^\/(tests|src|scripts)\//.test(f))).toEqual([]);
      expect(
        files.filter((f) => /^\/node_modules\/(electron|vitest|node|electron-builder)\//.test(f)),
      ).toEqual([]);

      // The afterPack check finds the module for the target it was packed for.
      const host = { platform: 'win32', arch: 'x64' }; // not this machine: nothing to run
      expect(
        checkPackagedApp({ resourcesDir: resources, executable: '', platform: 'linux', arch: 'x64', host }),
      ).toMatch(/prebuilds\/linux-x64\.node; not run/);
      expect(() =>
        checkPackagedApp({ resourcesDir: resources, executable: '', platform: 'linux', arch: 'arm64', host }),
      ).toThrow(PackageCheckError);
    },
  );
});
