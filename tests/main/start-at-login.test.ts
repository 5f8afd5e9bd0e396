import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartFile,
  isStartAtLoginOn,
  setStartAtLogin,
  type LoginItems,
  type StartAtLoginHost,
} from '../../src/main/electron/start-at-login';
import { tempDir } from '../helpers/temp';

// Start at login on Linux writes a real file in a temporary HOME, checked with Debian's
// desktop-file-validate against the Desktop Entry spec; macOS and Windows go through
// Electron's login items, here a recording fake.

const VALIDATOR = ['/usr/bin/desktop-file-validate', '/usr/local/bin/desktop-file-validate'].find(existsSync);

function linuxHost(env: NodeJS.ProcessEnv, command = ['/opt/tt/tt-desktop']): StartAtLoginHost {
  const loginItems: LoginItems = {
    getLoginItemSettings: () => {
      throw new Error('Linux does not use login items');
    },
    setLoginItemSettings: () => {
      throw new Error('Linux does not use login items');
    },
  };
  return { platform: 'linux', env, command, loginItems };
}

/** The arguments of an Exec value, unquoted as the Desktop Entry spec says (no field codes used). */
function execArguments(exec: string): string[] {
  const unescaped = exec.replace(/\\\\/g, '\\').replaceAll('%%', '%');
  const args: string[] = [];
  for (const [, quoted, plain] of unescaped.matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g)) {
    args.push(quoted !== undefined ? quoted.replace(/\\(["`$\\])/g, '$1') : plain!);
  }
  return args;
}

describe('start at login on Linux', () => {
  it('is off by default, writes a valid autostart entry that starts tt hidden, and removes it', async () => {
    const home = tempDir('tt-home-');
    // A path a shell or the spec would trip on: spaces, quotes, a dollar, a percent, a backslash.
    const command = [join(home, 'Apps/tt "beta" $HOME 100%\\x/tt-desktop')];
    const host = linuxHost({ HOME: home }, command);
    const file = join(home, '.config/autostart/tt.desktop');
    expect(autostartFile(host.env)).toBe(file);
    expect(isStartAtLoginOn(host)).toBe(false);

    setStartAtLogin(host, true);
    expect(isStartAtLoginOn(host)).toBe(true);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    const exec = /^Exec=(.*)$/m.exec(entry)![1]!;
    expect(execArguments(exec)).toEqual([...command, '--hidden']);

    setStartAtLogin(host, false);
    expect(existsSync(file)).toBe(false);
    expect(isStartAtLoginOn(host)).toBe(false);
    // Turning it off again is no error.
    setStartAtLogin(host, false);
  });

  it.skipIf(!VALIDATOR)(
    `writes an entry that desktop-file-validate accepts${VALIDATOR ? '' : ' — skipped: desktop-file-utils is not installed'}`,
    async () => {
      const home = tempDir('tt-home-');
      const host = linuxHost({ HOME: home }, [join(home, 'My Apps/tt (1)/tt-desktop')]);
      setStartAtLogin(host, true);
      const validated = await execa(VALIDATOR!, [autostartFile(host.env)], { reject: false });
      expect(`${validated.stdout}${validated.stderr}`.trim()).toBe('');
      expect(validated.exitCode).toBe(0);
    },
  );

  it('honours $XDG_CONFIG_HOME, and runs an unpackaged app as Electron plus its folder', () => {
    const home = tempDir('tt-home-');
    const config = join(tempDir('tt-config-'), 'cfg');
    const host = linuxHost({ HOME: home, XDG_CONFIG_HOME: config }, [
      '/repo/node_modules/electron/dist/electron',
      '/repo',
    ]);
    setStartAtLogin(host, true);
    const entry = readFileSync(join(config, 'autostart/tt.desktop'), 'utf8');
    expect(execArguments(/^Exec=(.*)$/m.exec(entry)![1]!)).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo',
      '--hidden',
    ]);
    expect(existsSync(join(home, '.config/autostart/tt.desktop'))).toBe(false);
  });

  it('says so when the autostart folder cannot be written, and changes nothing', () => {
    const home = tempDir('tt-home-');
    // ~/.config is a file: no folder can be made in it (tests run as root, so no chmod trick).
    writeFileSync(join(home, '.config'), 'not a folder');
    const host = linuxHost({ HOME: home });
    expect(() => setStartAtLogin(host, true)).toThrow(
      new RegExp(
        `^cannot turn start at login on: ${home}/\\.config/autostart cannot be written \\(.+\\); nothing was changed$`,
      ),
    );
    expect(readFileSync(join(home, '.config'), 'utf8')).toBe('not a folder');
    expect(isStartAtLoginOn(host)).toBe(false);
  });

  it("never replaces or removes an autostart entry that is not tt's", () => {
    const home = tempDir('tt-home-');
    mkdirSync(join(home, '.config/autostart'), { recursive: true });
    const mine = '[Desktop Entry]\nType=Application\nName=my tt\nExec=/home/me/bin/tt-wrapper\n';
    writeFileSync(join(home, '.config/autostart/tt.desktop'), mine);
    const host = linuxHost({ HOME: home });
    expect(isStartAtLoginOn(host)).toBe(false);
    for (const enabled of [true, false]) {
      expect(() => setStartAtLogin(host, enabled)).toThrow(
        /tt\.desktop exists and was not written by tt, so it was left as it is/,
      );
      expect(readFileSync(join(home, '.config/autostart/tt.desktop'), 'utf8')).toBe(mine);
    }
  });
});

describe('start at login on macOS and Windows', () => {
  it("uses the system's login items, asking for tt hidden", () => {
    for (const platform of ['darwin', 'win32'] as const) {
      let openAtLogin = false;
      const calls: unknown[] = [];
      const host: StartAtLoginHost = {
        platform,
        env: { HOME: tempDir('tt-home-') },
        command: ['C:\\tt\\tt.exe'],
        loginItems: {
          getLoginItemSettings: () => ({ openAtLogin }),
          setLoginItemSettings: (settings) => {
            calls.push(settings);
            openAtLogin = settings.openAtLogin;
          },
        },
      };
      expect(isStartAtLoginOn(host)).toBe(false);
      setStartAtLogin(host, true);
      expect(isStartAtLoginOn(host)).toBe(true);
      setStartAtLogin(host, false);
      expect(isStartAtLoginOn(host)).toBe(false);
      expect(calls).toEqual([
        { openAtLogin: true, openAsHidden: true, args: ['--hidden'] },
        { openAtLogin: false, openAsHidden: true, args: ['--hidden'] },
      ]);
      expect(existsSync(join(host.env.HOME!, '.config/autostart'))).toBe(false);
    }
  });
});
