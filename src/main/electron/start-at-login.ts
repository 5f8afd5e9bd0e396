import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TtError } from '../errors';
import { fileErrorReason } from '../file-error-reason';

// Start at login, off until a person turns it on (Settings or the tray). On Linux an XDG
// autostart entry (`$XDG_CONFIG_HOME/autostart/tt.desktop`) starts tt hidden in the tray; on
// macOS and Windows the system's own login items, through Electron. The system is the one
// record of whether it is on: nothing is stored in tt's settings that could disagree with it.

/** The argument that starts tt in the tray without opening its window. */
export const START_HIDDEN_FLAG = '--hidden';

/** The line that marks an autostart entry as tt's own: only such a file is replaced or removed. */
const OURS = 'X-tt-Autostart=true';

/** The parts of Electron's `app` used on macOS and Windows; tests pass a fake. */
export interface LoginItems {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
}

export interface StartAtLoginHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** How to start this tt: its executable, and the app's folder when run unpackaged. */
  command: readonly string[];
  loginItems: LoginItems;
}

/** `$XDG_CONFIG_HOME/autostart` (an absolute path only, as the spec says), else `~/.config/autostart`. */
export function autostartDir(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/')
    ? env.XDG_CONFIG_HOME
    : join(env.HOME || homedir(), '.config');
  return join(configHome, 'autostart');
}

export function autostartFile(env: NodeJS.ProcessEnv): string {
  return join(autostartDir(env), 'tt.desktop');
}

/**
 * One argument of a Desktop Entry `Exec` key: quoted when it holds a reserved character, with
 * `"`, `` ` ``, `$` and `\` escaped inside the quotes, then every `\` doubled again by the
 * string escaping that applies to all values; `%` is written `%%` (a field code otherwise).
 */
export function desktopExecArgument(argument: string): string {
  const percent = argument.replaceAll('%', '%%');
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(percent)
    ? `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`
    : percent;
  return quoted.replaceAll('\\', '\\\\');
}

/** The autostart entry that starts `command` hidden in the tray. */
export function autostartEntry(command: readonly string[]): string {
  const exec = [...command, START_HIDDEN_FLAG].map(desktopExecArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=tt',
    'Comment=Time tracker for work with AI coding agents, started in the tray',
    `Exec=${exec}`,
    'Icon=tt-desktop',
    'Terminal=false',
    'Categories=Utility;',
    'X-GNOME-Autostart-enabled=true',
    OURS,
    '',
  ].join('\n');
}

function isOurs(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').split('\n').includes(OURS);
  } catch {
    return false;
  }
}

/** Whether tt starts at login. */
export function isStartAtLoginOn(host: StartAtLoginHost): boolean {
  if (host.platform !== 'linux') return host.loginItems.getLoginItemSettings().openAtLogin;
  return isOurs(autostartFile(host.env));
}

/**
 * Turns start at login on or off. On Linux a file that is not tt's is never replaced or removed,
 * and a folder that cannot be written is reported; either way nothing is changed.
 */
export function setStartAtLogin(host: StartAtLoginHost, enabled: boolean): void {
  if (host.platform !== 'linux') {
    host.loginItems.setLoginItemSettings({
      openAtLogin: enabled,
      // macOS: start without a window; Windows: the argument below does the same.
      openAsHidden: true,
      args: [START_HIDDEN_FLAG],
    });
    return;
  }
  const file = autostartFile(host.env);
  if (existsSync(file) && !isOurs(file)) {
    throw new TtError(
      'input',
      `${file} exists and was not written by tt, so it was left as it is`,
      'remove or rename it yourself if tt should start at login through it',
    );
  }
  try {
    if (!enabled) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(autostartDir(host.env), { recursive: true });
    writeFileSync(`${file}.tmp`, autostartEntry(host.command), { mode: 0o644 });
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    removeQuietly(`${file}.tmp`);
    throw new TtError(
      'storage',
      `cannot turn start at login ${enabled ? 'on' : 'off'}: ${autostartDir(host.env)} cannot be written (${fileErrorReason(error)}); nothing was changed`,
      undefined,
      { cause: error },
    );
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // it was never written
  }
}
