import { execa } from 'execa';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  commandInstallState,
  installCommand,
  launcherScript,
  type CommandInstallHost,
} from '../../src/main/electron/command-installer';
import { TT_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// "Install the tt command" in a temporary HOME. The app's Electron is the stand-in executable
// (tests/helpers/fake-electron/electron-bin), which like Electron runs as Node only with
// ELECTRON_RUN_AS_NODE=1; the command line it runs is the project's real one.

const FAKE_ELECTRON = fileURLToPath(new URL('../helpers/fake-electron/electron-bin', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

function posixHost(home: string, path = ''): CommandInstallHost {
  return {
    platform: 'linux',
    env: { HOME: home, PATH: path },
    electronExecutable: FAKE_ELECTRON,
    cliScript: TT_BIN,
    launcherDir: join(home, '.local/share/time-tracker/bin'),
  };
}

describe('Install the tt command (Linux, macOS)', () => {
  it('links ~/.local/bin/tt to a launcher that runs the CLI with the app’s Electron as Node', async () => {
    const home = tempDir('tt-home-');
    const bin = join(home, '.local/bin');
    const host = posixHost(home, `${bin}:/usr/bin`);
    expect(commandInstallState(host)).toEqual({ installed: false, path: join(bin, 'tt') });

    const said = await installCommand(host);
    expect(said).toBe(`Installed the tt command: ${bin}/tt. Open a new terminal and run \`tt --help\`.`);
    expect(lstatSync(join(bin, 'tt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(bin, 'tt'))).toBe(join(host.launcherDir, 'tt'));
    expect(commandInstallState(host).installed).toBe(true);

    // A person whose PATH has only ~/.local/bin (no node anywhere) runs tt.
    const env = { HOME: home, PATH: bin };
    const versionRun = await execa('tt', ['--version'], { env, extendEnv: false, reject: false });
    expect(versionRun.stderr).toBe('');
    expect(versionRun.stdout.trim()).toBe(version);
    const dataDir = join(home, 'data');
    const status = await execa('tt', ['--data-dir', dataDir, 'status'], {
      env,
      extendEnv: false,
      reject: false,
    });
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain(`${dataDir}/tt.db`);

    // Installing again (a newer app) replaces tt's own launcher and link.
    await installCommand({ ...host, cliScript: TT_BIN });
    expect(commandInstallState(host).installed).toBe(true);
  });

  it('says when ~/.local/bin is not on PATH, and how to put it there', async () => {
    const home = tempDir('tt-home-');
    const said = await installCommand(posixHost(home, '/usr/bin:/bin'));
    expect(said).toContain(
      `${home}/.local/bin is not on your PATH: add \`export PATH="${home}/.local/bin:$PATH"\``,
    );
  });

  it('never overwrites a ~/.local/bin/tt that is not tt’s launcher', async () => {
    for (const make of [
      (path: string) => writeFileSync(path, '#!/bin/sh\necho my own tt\n'),
      (path: string) => symlinkSync('/usr/lib/node_modules/tt/bin/tt.js', path), // npm link's
    ]) {
      const home = tempDir('tt-home-');
      const bin = join(home, '.local/bin');
      mkdirSync(bin, { recursive: true });
      make(join(bin, 'tt'));
      const before = lstatSync(join(bin, 'tt'));
      const host = posixHost(home, bin);
      expect(commandInstallState(host).installed).toBe(false);
      await expect(installCommand(host)).rejects.toThrow(
        new RegExp(
          `^${bin}/tt already exists and is not tt's launcher \\(it is (a file|a link to /usr/lib/node_modules/tt/bin/tt\\.js)\\), so it was left as it is$`,
        ),
      );
      const after = lstatSync(join(bin, 'tt'));
      expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
      expect(existsSync(join(host.launcherDir, 'tt'))).toBe(false);
    }
  });

  it('refuses from an AppImage, whose files move at every start', async () => {
    const home = tempDir('tt-home-');
    const host = posixHost(home, '');
    host.env.APPIMAGE = '/home/me/tt.AppImage';
    await expect(installCommand(host)).rejects.toThrow(/cannot be installed from an AppImage/);
    expect(existsSync(join(home, '.local/bin/tt'))).toBe(false);
  });

  it('says so when the folder cannot be written, and leaves nothing behind', async () => {
    const home = tempDir('tt-home-');
    writeFileSync(join(home, '.local'), 'a file where a folder should be');
    await expect(installCommand(posixHost(home, ''))).rejects.toThrow(
      /^cannot install the tt command at .*\/\.local\/bin\/tt: /,
    );
    expect(readFileSync(join(home, '.local'), 'utf8')).toBe('a file where a folder should be');
  });
});

describe('Install the tt command (Windows)', () => {
  it('writes tt.cmd and adds its folder to the user’s PATH once', async () => {
    const home = tempDir('tt-home-');
    const launcherDir = join(home, 'AppData/Local/tt/bin');
    let userPath = 'C:\\Tools;%USERPROFILE%\\bin';
    const calls: string[][] = [];
    const host: CommandInstallHost = {
      platform: 'win32',
      env: { USERPROFILE: home },
      electronExecutable: 'C:\\Program Files\\tt\\tt.exe',
      cliScript: 'C:\\Program Files\\tt\\resources\\app.asar\\bin\\tt.js',
      launcherDir,
      reg: async (args) => {
        calls.push(args);
        if (args[0] === 'query')
          return {
            exitCode: 0,
            stdout: `\r\nHKEY_CURRENT_USER\\Environment\r\n    Path    REG_EXPAND_SZ    ${userPath}\r\n`,
          };
        userPath = args[args.indexOf('/d') + 1]!;
        return { exitCode: 0, stdout: 'The operation completed successfully.' };
      },
    };
    const said = await installCommand(host);
    expect(said).toContain(`and added ${launcherDir} to your PATH`);
    expect(userPath).toBe(`C:\\Tools;%USERPROFILE%\\bin;${launcherDir}`);
    expect(readFileSync(join(launcherDir, 'tt.cmd'), 'utf8')).toBe(launcherScript(host));
    expect(launcherScript(host)).toContain(
      'set ELECTRON_RUN_AS_NODE=1\r\n"C:\\Program Files\\tt\\tt.exe" "C:\\Program Files\\tt\\resources\\app.asar\\bin\\tt.js" %*',
    );
    await installCommand(host);
    expect(calls.filter((args) => args[0] === 'add')).toHaveLength(1);
  });
});
