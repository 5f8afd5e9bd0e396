import { execa } from 'execa';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { TtError } from '../errors';
import { fileErrorReason } from '../file-error-reason';

// "Install the tt command" (Settings and the tray), as VS Code does for `code`: a small launcher
// runs the command line with the app's own Electron as Node (ELECTRON_RUN_AS_NODE=1), so a
// person without Node gets `tt` too. On Linux and macOS, ~/.local/bin/tt links to the launcher;
// on Windows, tt.cmd sits in a folder added to the user's PATH. Whatever is already at
// ~/.local/bin/tt and is not tt's launcher is never replaced.

/** Written into every launcher: what tells tt's own launcher from anything else called tt. */
export const LAUNCHER_MARK = 'tt-command-launcher';

export interface CommandInstallHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The app's Electron executable (process.execPath). */
  electronExecutable: string;
  /** The command line's entry in the app (…/app.asar/bin/tt.js). */
  cliScript: string;
  /** Where the launcher itself is written (a folder of tt's own). */
  launcherDir: string;
  /** Runs `reg.exe` (Windows only); tests pass a stand-in. */
  reg?: (args: string[]) => Promise<{ exitCode: number; stdout: string }>;
}

export interface CommandInstallState {
  installed: boolean;
  /** Where `tt` is (or would be) put on the PATH. */
  path: string;
}

const home = (env: NodeJS.ProcessEnv): string => env.HOME || env.USERPROFILE || homedir();

/** ~/.local/bin/tt, or tt.cmd in the launcher folder on Windows. */
export function commandPath(host: CommandInstallHost): string {
  return host.platform === 'win32'
    ? join(host.launcherDir, 'tt.cmd')
    : join(home(host.env), '.local', 'bin', 'tt');
}

/** A value for a POSIX shell, in single quotes. */
const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** The launcher's text: the app's Electron running the app's command line as Node. */
export function launcherScript(
  host: Pick<CommandInstallHost, 'platform' | 'electronExecutable' | 'cliScript'>,
): string {
  if (host.platform === 'win32') {
    // cmd.exe: "%" doubled; paths from the installer hold no quote (Windows forbids it in names).
    const cmdPath = (path: string): string => `"${path.replaceAll('%', '%%')}"`;
    return [
      '@echo off',
      `rem ${LAUNCHER_MARK}: written by tt's "Install the tt command"; runs the command line with tt's Electron as Node.`,
      'setlocal',
      'set ELECTRON_RUN_AS_NODE=1',
      `${cmdPath(host.electronExecutable)} ${cmdPath(host.cliScript)} %*`,
      '',
    ].join('\r\n');
  }
  return [
    '#!/bin/sh',
    `# ${LAUNCHER_MARK}: written by tt's "Install the tt command"; runs the command line with tt's Electron as Node.`,
    `ELECTRON_RUN_AS_NODE=1 exec ${shellQuote(host.electronExecutable)} ${shellQuote(host.cliScript)} "$@"`,
    '',
  ].join('\n');
}

function isLauncher(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes(LAUNCHER_MARK);
  } catch {
    return false;
  }
}

/** What is at `path` now, in words, when it is not tt's: a file, or a link to somewhere. */
function describeOccupant(path: string): string | null {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return null;
  }
  if (stats.isSymbolicLink()) {
    const target = resolve(dirname(path), readlinkSync(path));
    return isLauncher(target) ? null : `a link to ${target}`;
  }
  return isLauncher(path) ? null : stats.isDirectory() ? 'a folder' : 'a file';
}

export function commandInstallState(host: CommandInstallHost): CommandInstallState {
  const path = commandPath(host);
  return { installed: existsSync(path) && describeOccupant(path) === null, path };
}

/** Writes the launcher, private to its folder, replacing an older launcher of tt's. */
function writeLauncher(host: CommandInstallHost, file: string): void {
  mkdirSync(host.launcherDir, { recursive: true, mode: 0o700 });
  writeFileSync(`${file}.tmp`, launcherScript(host), { mode: 0o755 });
  chmodSync(`${file}.tmp`, 0o755);
  renameSync(`${file}.tmp`, file);
}

/**
 * Installs the `tt` command and says what it did, and what the person still has to do (a
 * folder to put on PATH). Refuses, changing nothing, where the name is taken by something else.
 */
export async function installCommand(host: CommandInstallHost): Promise<string> {
  if (host.platform === 'linux' && host.env.APPIMAGE) {
    throw new TtError(
      'input',
      'the tt command cannot be installed from an AppImage: its files move each time it starts',
      'install the .deb package instead, or run `npx tt` where Node is installed',
    );
  }
  const target = commandPath(host);
  const occupant = describeOccupant(target);
  if (occupant) {
    throw new TtError(
      'input',
      `${target} already exists and is not tt's launcher (it is ${occupant}), so it was left as it is`,
      `remove it yourself to install tt's command there, or run ${join(host.launcherDir, 'tt')}`,
    );
  }
  try {
    if (host.platform === 'win32') {
      writeLauncher(host, target);
      return await addToUserPath(host, host.launcherDir);
    }
    const launcher = join(host.launcherDir, 'tt');
    writeLauncher(host, launcher);
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { force: true }); // tt's own older link or launcher, checked above
    symlinkSync(launcher, target);
  } catch (error) {
    if (error instanceof TtError) throw error;
    throw new TtError(
      'storage',
      `cannot install the tt command at ${target}: ${fileErrorReason(error)}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  const binDir = dirname(target);
  const onPath = (host.env.PATH ?? '').split(delimiter).some((dir) => dir && resolve(dir) === binDir);
  return onPath
    ? `Installed the tt command: ${target}. Open a new terminal and run \`tt --help\`.`
    : `Installed the tt command: ${target}. ${binDir} is not on your PATH: add \`export PATH="${binDir}:$PATH"\` to your shell's profile, then open a new terminal.`;
}

/** Windows: the launcher's folder joins the user's PATH (HKCU\Environment), once. */
async function addToUserPath(host: CommandInstallHost, dir: string): Promise<string> {
  const reg =
    host.reg ??
    (async (args: string[]) => {
      const result = await execa('reg.exe', args, { reject: false });
      return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout) };
    });
  const query = await reg(['query', 'HKCU\\Environment', '/v', 'Path']);
  // "    Path    REG_EXPAND_SZ    C:\a;C:\b" (absent: exit code 1, no PATH of the user's own yet)
  const current =
    query.exitCode === 0 ? (/^\s*Path\s+REG_\w+\s+(.*)$/im.exec(query.stdout)?.[1]?.trim() ?? '') : '';
  const entries = current.split(';').filter(Boolean);
  const target = join(dir, 'tt.cmd');
  if (entries.some((entry) => entry.toLowerCase() === dir.toLowerCase())) {
    return `Installed the tt command: ${target}. Open a new terminal and run \`tt --help\`.`;
  }
  const set = await reg([
    'add',
    'HKCU\\Environment',
    '/v',
    'Path',
    '/t',
    'REG_EXPAND_SZ',
    '/d',
    [...entries, dir].join(';'),
    '/f',
  ]);
  if (set.exitCode !== 0) {
    throw new TtError(
      'external',
      `wrote ${target}, but could not add ${dir} to your PATH (reg.exe failed)`,
      `add ${dir} to your PATH yourself`,
    );
  }
  return `Installed the tt command: ${target}, and added ${dir} to your PATH. Open a new terminal and run \`tt --help\`.`;
}
