// The afterPack check on a packed app: the native module must be there, and the packaged
// Electron, run as Node, must open a database with it. Electron's binary cannot be had here,
// so the "packaged" executable is the stand-in (tests/helpers/fake-electron/electron-bin),
// which runs as Node like Electron does with ELECTRON_RUN_AS_NODE=1, on a package laid out
// without asar (the stand-in cannot read asar archives).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
// @ts-expect-error -- a build script in plain JavaScript
import { checkPackagedApp, packagedLayout } from '../../scripts/dist/packaged-app.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FAKE_ELECTRON = fileURLToPath(new URL('../helpers/fake-electron/electron-bin', import.meta.url));
const host = { platform: process.platform, arch: process.arch };

/** A packed Linux app: resources/app holding tt's built files and its node_modules. */
function packedApp(withNativeModule: boolean): { resourcesDir: string; executable: string } {
  const appOutDir = tempDir('tt-packed-');
  const layout = packagedLayout({
    appOutDir,
    platform: 'linux',
    productFilename: 'tt',
    executableName: 'tt-desktop',
  });
  const app = join(layout.resourcesDir, 'app');
  mkdirSync(app, { recursive: true });
  symlinkSync(FAKE_ELECTRON, layout.executable);
  for (const name of ['bin', 'out', 'package.json']) symlinkSync(join(ROOT, name), join(app, name));
  if (withNativeModule) symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  else {
    mkdirSync(join(app, 'node_modules/better-sqlite3'), { recursive: true });
    writeFileSync(join(app, 'node_modules/better-sqlite3/package.json'), '{"name":"better-sqlite3"}');
  }
  return layout;
}

describe('the packaged-app check', () => {
  it.skipIf(process.platform !== 'linux')('runs the packaged tt with the packaged Electron as Node', () => {
    const layout = packedApp(true);
    const said = checkPackagedApp({ ...layout, platform: 'linux', arch: process.arch, host }) as string;
    expect(said).toContain('the packaged Electron ran the packaged tt, which opened a database');
  });

  it('refuses a package without the native module, saying where it looked', () => {
    const layout = packedApp(false);
    expect(() => checkPackagedApp({ ...layout, platform: 'linux', arch: 'x64', host })).toThrow(
      /the package for linux-x64 lacks better-sqlite3's native module: .*prebuilds\/linux-x64\.node does not exist/,
    );
  });

  it.skipIf(process.platform !== 'linux')('says so when the package opens no database', () => {
    const layout = packedApp(true);
    // A packaged tt whose command line is broken: the check runs it and reports its words.
    const broken = join(tempDir('tt-broken-'), 'bin');
    mkdirSync(broken);
    writeFileSync(
      join(broken, 'tt.js'),
      'process.stderr.write("tt: the database cannot be opened\\n"); process.exit(3);\n',
    );
    const app = join(layout.resourcesDir, 'app');
    rmSync(join(app, 'bin'));
    symlinkSync(broken, join(app, 'bin'));
    expect(() => checkPackagedApp({ ...layout, platform: 'linux', arch: process.arch, host })).toThrow(
      /cannot open a database with its native module: tt: the database cannot be opened/,
    );
  });
});
