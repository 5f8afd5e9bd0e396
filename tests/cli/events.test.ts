import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spoolPath } from '../../src/main/events/spool';
import { listSpoolFiles } from '../../src/main/events/spool-reader';
import { appendEvent, spoolLine } from '../../src/main/events/spool-writer';
import { runTt } from '../helpers/cli';
import { makeGitRepo } from '../helpers/git-repos';
import { tempDir } from '../helpers/temp';

describe('tt ingest', () => {
  it('appends an event that tt events then lists with its project', async () => {
    const root = realpathSync(tempDir());
    const repo = makeGitRepo(join(root, 'checkout'), 'git@github.com:acme/storefront.git');
    const env = { TT_DATA_DIR: join(root, 'data') };
    const ingest = await runTt(
      ['ingest', 'pane-focus', '--pane', '%3', '--cwd', repo, '--session', 'work', '--window', '2'],
      {
        env,
      },
    );
    expect(ingest).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await runTt(['ingest', 'scroll', `--pane=%3`, `--cwd=${repo}`], { env })).toMatchObject({
      exitCode: 0,
    });

    const table = await runTt(['events'], { env });
    expect(table.exitCode).toBe(0);
    const [header, ...rows] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^time\s+type\s+project\s+workspace\s+via\s+pane\s+directory$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/ pane-focus\s+storefront\s+checkout\s+git\s+work:2:%3\s+.*checkout$/);
    expect(rows[1]).toMatch(/ scroll\s+storefront\s+checkout\s+git\s+%3\s+/);

    const json = JSON.parse((await runTt(['events', '--json', '--type', 'scroll'], { env })).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        type: 'scroll',
        paneId: '%3',
        cwd: repo,
        projectName: 'storefront',
        ts: expect.stringMatching(/Z$/),
      }),
    ]);
    const status = JSON.parse((await runTt(['status', '--json'], { env })).stdout);
    expect(status.counts.events).toBe(2);
  });

  it('keeps one table row per event when a directory name holds a line break or a terminal escape', async () => {
    const root = realpathSync(tempDir());
    const odd = join(root, 'two\nlines \u001b[31mred \u202egnp.exe');
    mkdirSync(odd);
    const env = { TT_DATA_DIR: join(root, 'data') };
    expect(await runTt(['ingest', 'pane-focus', '--pane', '%1', '--cwd', odd], { env })).toMatchObject({
      exitCode: 0,
    });
    const table = await runTt(['events'], { env });
    expect(table.exitCode).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('two\\nlines \\x1b[31mred \\u202egnp.exe'); // the bidi override shown, not obeyed
    expect(table.stdout).not.toContain('\u001b');
    const json = JSON.parse((await runTt(['events', '--json'], { env })).stdout);
    expect(json[0].cwd).toBe(odd);
  });

  it('records --cwd . as the directory the person ran it in', async () => {
    const root = realpathSync(tempDir());
    const env = { TT_DATA_DIR: join(root, 'data') };
    expect(await runTt(['ingest', 'scroll', '--pane', '%1', '--cwd', '.'], { env, cwd: root })).toMatchObject(
      {
        exitCode: 0,
      },
    );
    const json = JSON.parse((await runTt(['events', '--json'], { env })).stdout);
    expect(json).toEqual([expect.objectContaining({ type: 'scroll', cwd: root })]);
  });

  it('honours --data-dir given before the command', async () => {
    const dataDir = join(tempDir(), 'flagged');
    expect(
      await runTt(['--data-dir', dataDir, 'ingest', 'pane-focus', '--pane', '%1', '--cwd', '/tmp']),
    ).toMatchObject({ exitCode: 0 });
    expect(
      listSpoolFiles(dataDir)
        .map((path) => readFileSync(path, 'utf8'))
        .join(''),
    ).toContain('"pane":"%1"');
  });

  it('explains itself with --help and rejects bad usage without recording anything', async () => {
    const env = { TT_DATA_DIR: tempDir() };
    const help = await runTt(['ingest', '--help'], { env });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: tt ingest');
    expect(help.stdout).toContain('--cwd <dir>');
    const teleport = await runTt(['ingest', 'teleport', '--pane', '%1'], { env });
    expect(teleport.exitCode).toBe(2);
    expect(teleport.stderr).toContain('unknown event type "teleport"');
    const window = await runTt(['ingest', 'pane-focus', '--window', 'three'], { env });
    expect(window.exitCode).toBe(2);
    expect(window.stderr).toContain('--window "three" is not a window index');
    // (commander's own usage errors in subcommands exit 1 today: src/cli/main.ts sets
    // exitOverride after the subcommands are made, so they do not inherit it)
    const colour = await runTt(['ingest', 'pane-focus', '--colour', 'red'], { env });
    expect(colour.exitCode).not.toBe(0);
    expect(colour.stderr).toContain("unknown option '--colour'");
    expect(listSpoolFiles(env.TT_DATA_DIR)).toEqual([]);
  });
});

describe('tt events', () => {
  it('filters by --since/--until (ISO or relative) and rejects what is not a time or a type', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const hour = 3_600_000;
    const now = Date.now();
    const line = (ts: number, pane: string) =>
      JSON.stringify({ ts, type: 'pane-focus', pane, cwd: '/nowhere/old', session: 's', window: 0 });
    writeFileSync(
      spoolPath(dataDir, Date.now()),
      `${line(now - 50 * hour, '%old')}\n${line(now - 2 * hour, '%recent')}\n`,
    );
    const env = { TT_DATA_DIR: dataDir };
    const panes = async (...args: string[]) =>
      (JSON.parse((await runTt(['events', '--json', ...args], { env })).stdout) as { paneId: string }[]).map(
        (e) => e.paneId,
      );

    expect(await panes()).toEqual(['%recent']);
    expect(await panes('--since', '3d')).toEqual(['%old', '%recent']);
    expect(await panes('--since', new Date(now - 60 * hour).toISOString(), '--until', '1d')).toEqual([
      '%old',
    ]);
    expect(await panes('--since', '3d', '--limit', '1')).toEqual(['%recent']);
    expect(await panes('--until', '1d')).toEqual(['%old']);

    const vanished = await runTt(['events', '--since', '3d'], { env });
    expect(vanished.stderr).toBe('');

    const badTime = await runTt(['events', '--since', 'last tuesday'], { env });
    expect(badTime.exitCode).toBe(2);
    expect(badTime.stderr).toContain('--since "last tuesday" is not a time');
    const badType = await runTt(['events', '--type', 'keypress'], { env });
    expect(badType.exitCode).toBe(2);
    expect(badType.stderr).toContain('pane-focus');
  });

  it('imports once when two tt processes import the same spool at the same moment', async () => {
    const root = realpathSync(tempDir());
    const repo = makeGitRepo(join(root, 'api'));
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        ts: Date.now() - 1000 + i,
        type: 'pane-focus',
        pane: `%${i}`,
        cwd: repo,
        session: 's',
        window: 0,
      }),
    );
    writeFileSync(spoolPath(dataDir, Date.now()), `${lines.join('\n')}\n`);
    const env = { TT_DATA_DIR: dataDir };
    // The database exists already, as it does for the app and the CLI in real use. (Two
    // processes creating a fresh database at once can meet "database is locked" on the WAL
    // switch in openDatabase: a store issue of its own.)
    expect((await runTt(['status'], { env })).exitCode).toBe(0);
    const both = await Promise.all([
      runTt(['events', '--json'], { env }),
      runTt(['events', '--json'], { env }),
    ]);
    for (const result of both) {
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toHaveLength(300);
    }
    const status = JSON.parse((await runTt(['status', '--json'], { env })).stdout);
    expect(status.counts.events).toBe(300);
  });

  it('reports skipped spool lines and identity problems once, on stderr', async () => {
    const dataDir = tempDir();
    const gone = '/definitely/not/here';
    const line = (pane: string) =>
      JSON.stringify({ ts: Date.now() - 1000, type: 'pane-focus', pane, cwd: gone, session: 's', window: 0 });
    // 0600, as tt writes it (a wider spool file would be tightened, and tt would say so on stderr).
    writeFileSync(spoolPath(dataDir, Date.now()), `${line('%1')}\n${line('%2')}\nnot json\n`, {
      mode: 0o600,
    });
    const result = await runTt(['events', '--json'], { env: { TT_DATA_DIR: dataDir } });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'tt: skipped 1 spool line(s): malformed line',
      `tt: directories that no longer exist were named from their path: ${gone}`,
    ]);
  });
});

describe('tt events with directories the file system will not examine', () => {
  it('keeps each such event, named from its folder, says which line and why once, and imports the rest', async () => {
    const root = realpathSync(tempDir());
    const dataDir = join(root, 'data');
    const plain = join(root, 'plain');
    mkdirSync(plain);
    const tooLong = join(root, 'a'.repeat(300), 'project'); // a name past NAME_MAX: ENAMETOOLONG
    const withNul = join(root, 'nul\u0000byte', 'app'); // Node refuses a NUL byte before the system does
    // The real writer, as `tt ingest` would write them.
    let ts = Date.now() - 60_000;
    const focus = (cwd: string, pane: string) =>
      appendEvent(dataDir, { type: 'pane-focus', pane, cwd, session: 's', window: 0 }, (ts += 1000));
    focus(plain, '%1');
    focus(tooLong, '%2');
    focus(tooLong, '%3');
    focus(withNul, '%4');
    focus(plain, '%5');
    const spool = basename(listSpoolFiles(dataDir)[0]!);

    const table = await runTt(['--data-dir', dataDir, 'events']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).not.toContain('no events');
    expect(table.stdout.trim().split('\n')).toHaveLength(6); // the header and all five events
    expect(table.stderr.trim().split('\n')).toEqual([
      `tt: ${spool} line 2: could not examine the event's directory (the name is too long); kept the event, named from its folder name`,
      `tt: ${spool} line 4: could not examine the event's directory (the name holds a NUL byte); kept the event, named from its folder name`,
    ]);
    const events = JSON.parse((await runTt(['--data-dir', dataDir, 'events', '--json'])).stdout) as {
      cwd: string;
      projectName: string;
      identitySource: string;
    }[];
    expect(events.map((e) => [e.cwd, e.projectName, e.identitySource])).toEqual([
      [plain, 'plain', 'path'],
      [tooLong, 'project', 'path'],
      [tooLong, 'project', 'path'],
      [withNul, 'app', 'path'],
      [plain, 'plain', 'path'],
    ]);

    // A later import counts its lines from the start of the file.
    focus(tooLong, '%6');
    const later = await runTt(['--data-dir', dataDir, 'events', '--json']);
    expect(later.stderr).toContain(`tt: ${spool} line 6: could not examine`);
  });
});

describe('tt hook tmux', () => {
  it('prints a configuration that quotes every value and carries the data directory', async () => {
    const dataDir = join(tempDir(), `my data`);
    const result = await runTt(['--data-dir', dataDir, 'hook', 'tmux']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('set -g focus-events on');
    const hooks = lines.slice(1);
    expect(hooks.map((l) => l.split(' ')[2])).toEqual([
      'pane-focus-in[42]',
      'after-select-pane[42]',
      'session-window-changed[42]',
      'client-session-changed[42]',
      'client-attached[42]',
      'pane-mode-changed[42]',
      'client-detached[42]',
    ]);
    for (const hook of hooks) {
      expect(hook).toContain('run-shell -b ');
      expect(hook).toContain(`'${process.execPath}'`);
      expect(hook).toContain(`--data-dir='${dataDir}'`);
      expect(hook).toContain(`>>'${join(dataDir, 'ingest.log')}' 2>&1`);
      // every tmux value inside single quotes, its own quotes substituted; no bare #{...}
      // (not even #{q:...}, which leaves a newline to the shell) reaches the shell
      const formats = hook.match(/'?#\{[^}]*\}'?/g)!;
      expect(formats).toHaveLength(4);
      for (const format of formats) expect(format).toMatch(/^'#\{s\/'\/'\\\\\\\\''\/:[a-z_]+\}'$/);
    }
    expect(hooks.at(-2)).toContain(' scroll ');
    // a detached client ends attention from tmux
    expect(hooks.at(-1)).toContain(' idle-start ');
  });

  it('--install sources the hooks from ~/.tmux.conf once, however often it runs', async () => {
    const home = tempDir();
    const env = { HOME: home, TT_DATA_DIR: join(home, 'data') };
    writeFileSync(join(home, '.tmux.conf'), 'set -g mouse on');
    const first = await runTt(['hook', 'tmux', '--install'], { env });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain(`updated ${join(home, '.tmux.conf')}`);
    expect(first.stdout).toContain('re-attach');
    const second = await runTt(['hook', 'tmux', '--install'], { env });
    expect(second.stdout).toContain('already sources them');
    const conf = readFileSync(join(home, '.tmux.conf'), 'utf8');
    expect(conf.startsWith('set -g mouse on\n')).toBe(true);
    expect(conf.match(/^source-file /gm)).toHaveLength(1);
    expect(conf).toContain(`source-file -q "${join(home, 'data', 'tmux-hooks.conf')}"`);
    expect(readFileSync(join(home, 'data', 'tmux-hooks.conf'), 'utf8').trimEnd()).toBe(
      (await runTt(['hook', 'tmux'], { env })).stdout,
    );
  });

  it('--install uses $XDG_CONFIG_HOME/tmux/tmux.conf when that is the one that exists', async () => {
    const home = tempDir();
    const xdg = join(home, 'xdg');
    mkdirSync(join(xdg, 'tmux'), { recursive: true });
    writeFileSync(join(xdg, 'tmux', 'tmux.conf'), 'set -g mouse on\n');
    const env = { HOME: home, XDG_CONFIG_HOME: xdg, TT_DATA_DIR: join(home, 'data') };
    expect((await runTt(['hook', 'tmux', '--install'], { env })).exitCode).toBe(0);
    expect(readFileSync(join(xdg, 'tmux', 'tmux.conf'), 'utf8')).toMatch(
      /^set -g mouse on\n# tt: .*\nsource-file -q /,
    );
    expect(existsSync(join(home, '.tmux.conf'))).toBe(false);
  });

  it('--install creates ~/.tmux.conf when there is no tmux config yet', async () => {
    const home = tempDir();
    const result = await runTt(['hook', 'tmux', '--install'], {
      env: { HOME: home, TT_DATA_DIR: join(home, 'data') },
    });
    expect(result.stdout).toContain(`created ${join(home, '.tmux.conf')}`);
    expect(readFileSync(join(home, '.tmux.conf'), 'utf8')).toMatch(
      /^# tt: .*\nsource-file -q ".*tmux-hooks\.conf"\n$/,
    );
  });

  it('--install explains a tmux config it cannot update, and says which line to add by hand', async () => {
    const home = tempDir();
    mkdirSync(join(home, '.tmux.conf')); // a directory where the file should be
    const result = await runTt(['hook', 'tmux', '--install'], {
      env: { HOME: home, TT_DATA_DIR: join(home, 'data') },
    });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain(`tt: cannot update the tmux configuration ${join(home, '.tmux.conf')}`);
    expect(result.stderr).toContain(`source-file -q "${join(home, 'data', 'tmux-hooks.conf')}"`);
    expect(result.stderr).not.toContain('unexpected');
    // The hooks file itself was written, so the line works once added.
    expect(existsSync(join(home, 'data', 'tmux-hooks.conf'))).toBe(true);
  });
});

describe('tt events with a year of focus', () => {
  it('lists 200k events imported from the spool (no stack overflow in the table)', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const n = 200_000;
    const now = Date.now();
    const step = Math.floor((51 * 7 * 86_400_000) / n); // spread over the last 51 weeks
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const cwd = `/work/project-${i % 7}`;
      lines.push(
        spoolLine(
          { type: 'pane-focus', pane: `%${i % 50}`, cwd, session: 's', window: 0 },
          now - (n - i) * step,
        ),
      );
    }
    writeFileSync(spoolPath(dataDir, now), `${lines.join('\n')}\n`);
    const result = await runTt(['--data-dir', dataDir, 'events', '--since', '52w'], { timeoutMs: 170_000 });
    expect(result.stderr).not.toContain('Maximum call stack');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(n + 1);
  }, 180_000);
});
