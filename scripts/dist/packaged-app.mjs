// Checks on an app electron-builder has just packed (its afterPack hook calls them): the
// native module is outside the asar archive for the target's platform and architecture, and,
// when this machine can run the target, the packaged Electron loads it by running the packaged
// `tt` command as Node. Each failure is one PackageCheckError with words for a person.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class PackageCheckError extends Error {}

/** Where the resources and the executable of a packed app are, per platform. */
export function packagedLayout({ appOutDir, platform, productFilename, executableName }) {
  if (platform === 'darwin') {
    const contents = join(appOutDir, `${productFilename}.app`, 'Contents');
    return {
      resourcesDir: join(contents, 'Resources'),
      executable: join(contents, 'MacOS', productFilename),
    };
  }
  const executable = platform === 'win32' ? `${productFilename}.exe` : executableName;
  return { resourcesDir: join(appOutDir, 'resources'), executable: join(appOutDir, executable) };
}

/** The packed app itself: the asar archive, or a plain folder when packed without asar. */
export function packagedAppPath(resourcesDir) {
  const asar = join(resourcesDir, 'app.asar');
  return existsSync(asar) ? asar : join(resourcesDir, 'app');
}

/**
 * better-sqlite3's native module as the packaged app will load it: its Node-API prebuild for
 * the target, outside the asar archive (a .node file cannot be loaded from inside one).
 */
export function packagedNativeModule(resourcesDir, platform, arch) {
  const base = existsSync(join(resourcesDir, 'app.asar'))
    ? join(resourcesDir, 'app.asar.unpacked')
    : join(resourcesDir, 'app');
  const path = join(base, 'node_modules', 'better-sqlite3', 'prebuilds', `${platform}-${arch}.node`);
  if (!existsSync(path)) {
    throw new PackageCheckError(
      `the package for ${platform}-${arch} lacks better-sqlite3's native module: ${path} does not exist ` +
        '(is better-sqlite3 a dependency, and "node_modules/better-sqlite3/**" in build.asarUnpack?)',
    );
  }
  return path;
}

/**
 * Runs the packaged `tt status` with the packaged Electron as Node, on a fresh data directory:
 * it opens a SQLite database, so it proves the native module loads in Electron's runtime.
 * Returns what it did, or why it could not run here (another platform or architecture).
 */
export function checkPackagedApp({ resourcesDir, executable, platform, arch, host = process }) {
  const nativeModule = packagedNativeModule(resourcesDir, platform, arch);
  if (platform !== host.platform || arch !== host.arch) {
    return `found ${nativeModule}; not run: this machine is ${host.platform}-${host.arch}`;
  }
  if (!existsSync(executable)) {
    throw new PackageCheckError(`the packaged executable ${executable} does not exist`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-package-check-'));
  try {
    const output = execFileSync(
      executable,
      [join(packagedAppPath(resourcesDir), 'bin', 'tt.js'), '--data-dir', dataDir, 'status', '--json'],
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      },
    );
    const status = JSON.parse(output);
    if (!status || typeof status !== 'object') throw new Error(`unexpected output: ${output.slice(0, 200)}`);
    return `the packaged Electron ran the packaged tt, which opened a database with ${nativeModule}`;
  } catch (error) {
    const said =
      String(error.stderr ?? '')
        .trim()
        .split('\n')
        .slice(-3)
        .join(' ') || error.message;
    throw new PackageCheckError(`the packaged app cannot open a database with its native module: ${said}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
