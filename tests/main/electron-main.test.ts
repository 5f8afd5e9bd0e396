import { execa } from 'execa';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

// The built Electron main process (out/main/index.js), run under Node with a stand-in for the
// `electron` module (tests/helpers/fake-electron), since the Electron binary cannot be had
// here. It proves the wiring that the unit tests cannot: the real bundle opens the service,
// builds a secure window on files that exist, answers IPC through validation, and runs
// "Index now" from the tray off to completion.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../helpers/fake-electron/register.mjs', import.meta.url));

type Step = { step: string } & Record<string, unknown>;

async function runMainProcess(args: string[] = []): Promise<Step[]> {
  const result = await execa(
    process.execPath,
    ['--import', REGISTER, join(ROOT, 'out/main/index.js'), ...args],
    {
      env: {
        TT_DATA_DIR: tempDir(),
        // No transcripts where the app looks by default, so its background index finds nothing;
        // the scenario then points Settings at the real transcripts and presses "Index now".
        CLAUDE_CONFIG_DIR: tempDir(),
        FAKE_ELECTRON_PROJECTS: CLAUDE_FIXTURE_ROOT,
        ELECTRON_RENDERER_URL: '',
      },
      reject: false,
      timeout: 60_000,
    },
  );
  const steps = String(result.stdout)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Step);
  const failed = steps.find((s) => s.step === 'scenario-failed');
  if (failed || result.exitCode !== 0) {
    throw new Error(
      `main process failed (exit ${result.exitCode}): ${String(failed?.message ?? result.stderr)}`,
    );
  }
  return steps;
}

describe('the built Electron main process', () => {
  it('opens a secure window, answers IPC, indexes from the tray, and hides on close', async () => {
    const steps = await runMainProcess();
    const step = (name: string): Step => {
      const found = steps.find((s) => s.step === name);
      if (!found) throw new Error(`no step ${name} in ${JSON.stringify(steps)}`);
      return found;
    };

    const window = step('window');
    expect(window.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    });
    expect(window.preloadExists).toBe(true);
    expect(window.iconExists).toBe(true);
    expect(step('load-file')).toMatchObject({ exists: true });
    expect(step('window-open-handler').answer).toEqual({ action: 'deny' });
    // window.open is refused outright, not handed to the user's browser either.
    expect(steps.filter((s) => s.step === 'open-external')).toEqual([]);
    expect(step('csp-hook').installed).toBe(true);

    expect(step('ipc-channels').channels).toContain('tt:status');
    expect(step('status').result).toMatchObject({ ok: true, value: { counts: { sessions: 0 } } });
    expect(step('untrusted').result).toMatchObject({ ok: false });
    expect(step('other-file').result).toMatchObject({ ok: false });
    expect(step('bad-args').result).toMatchObject({ ok: false, error: { kind: 'input' } });

    expect(step('settings').result).toMatchObject({
      ok: true,
      value: { projectRoots: [CLAUDE_FIXTURE_ROOT] },
    });
    expect(step('tray-menu').labels).toEqual(
      expect.arrayContaining(['Index now', 'Infer streams', 'Open tt', 'Start at login', 'Quit']),
    );
    // Settings' desktop section: on its own channels, validated, for the app's page only.
    expect(step('desktop-state').result).toMatchObject({
      ok: true,
      value: { startAtLogin: false, checkForUpdates: true, command: { path: expect.any(String) } },
    });
    expect(step('desktop-untrusted').result).toMatchObject({ ok: false });
    expect(step('desktop-bad-args').result).toMatchObject({ ok: false, error: { kind: 'input' } });
    const indexed = step('indexed');
    expect(indexed.sessions).toBe(12);
    // Parsing ran in worker threads: the main process stayed free to redraw the tray's progress.
    expect(indexed.labelsSeen).toEqual(expect.arrayContaining([expect.stringMatching(/^Indexing… /)]));
    // The app records away periods from Electron's powerMonitor, and Settings names the source.
    expect(step('away').events).toEqual([
      ['idle-start', 'lock'],
      ['idle-end', 'unlock'],
      ['idle-start', 'suspend'],
      ['idle-end', 'resume'],
    ]);
    expect(step('away').source).toMatch(/^Electron powerMonitor: /);
    expect(step('closed')).toEqual({ step: 'closed', prevented: true, hidden: true });
    expect(steps.at(-1)?.step).toBe('quit');
  });

  it('started at login (--hidden), stays in the tray with no window until Open tt', async () => {
    const steps = await runMainProcess(['--hidden']);
    expect(steps.find((s) => s.step === 'hidden-start')).toMatchObject({
      windows: 0,
      labels: expect.arrayContaining(['Open tt', 'Start at login']),
    });
    expect(steps.find((s) => s.step === 'opened')).toMatchObject({ windows: 1 });
    expect(steps.at(-1)?.step).toBe('quit');
  });
});
