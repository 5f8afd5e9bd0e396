// A real tmux server on a private socket, configured by `tt hook tmux`, with panes in real
// git repositories; focus changes must arrive in the database with the right project names,
// and no directory name may ever run as a command.
import { execa, type ResultPromise } from 'execa';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listSpoolFiles } from '../../src/main/events/spool-reader';
import { runTt } from '../helpers/cli';
import { addWorktree, makeGitRepo } from '../helpers/git-repos';
import { tempDir } from '../helpers/temp';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A tmux server of our own: -L socket name, no user config, a plain environment. */
function tmuxServer(root: string) {
  const socket = `tt-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const serverCwd = join(root, 'server');
  mkdirSync(serverCwd);
  // Deliberately no TT_DATA_DIR: the hook must carry the data directory itself.
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: root,
    SHELL: '/bin/sh',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
  };
  const tmux = async (...args: string[]) =>
    (
      await execa('tmux', ['-L', socket, '-f', '/dev/null', ...args], {
        env,
        extendEnv: false,
        cwd: serverCwd,
      })
    ).stdout;
  cleanups.push(async () => {
    await execa('tmux', ['-L', socket, 'kill-server'], { reject: false, env, extendEnv: false });
  });
  return { tmux, env, socket, serverCwd };
}

/** tmux expands formats in -c, so a literal '#' in a path must be doubled. */
const tmuxPath = (path: string) => path.replace(/#/g, '##');

interface SpoolLine {
  type: string;
  cwd: string | null;
  pane: string;
}

function spoolLines(dataDir: string): SpoolLine[] {
  return listSpoolFiles(dataDir)
    .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SpoolLine);
}

/** run-shell -b is asynchronous: wait (boundedly) until the hooks have written what we expect. */
async function waitForSpool(dataDir: string, done: (lines: SpoolLine[]) => boolean): Promise<SpoolLine[]> {
  // On time-out the lines written so far: the caller's assertion then shows what is missing.
  return vi
    .waitFor(
      () => {
        const lines = spoolLines(dataDir);
        if (!done(lines)) throw new Error('not yet');
        return lines;
      },
      { timeout: 20_000, interval: 100 },
    )
    .catch(() => spoolLines(dataDir));
}

function findFiles(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.name === name) found.push(path);
      if (entry.isDirectory() && entry.name !== '.git') walk(path);
    }
  };
  walk(dir);
  return found;
}

describe('tmux focus hooks', () => {
  it('records focus changes between panes in real repositories, with their projects, and runs no path', async () => {
    const root = realpathSync(tempDir('tt-tmux-'));
    // The data directory's own name is hostile too: the hook's fixed paths must be quoted.
    const dataDir = join(root, `data "dir" $(touch pwned) 'q'`);
    const billing = makeGitRepo(join(root, 'billing'));
    const hotfix = addWorktree(billing, join(root, 'trees', 'billing-hotfix'), 'hotfix');
    const dots = makeGitRepo(join(root, 'dots'), 'git@github.com:sam/dotfiles.git');
    const shop = makeGitRepo(join(root, 'shop'), 'https://github.com/acme/storefront.git');
    const hostile = makeGitRepo(join(root, `it's $(touch pwned) my app`));

    const hook = await runTt(['--data-dir', dataDir, 'hook', 'tmux']);
    expect(hook.exitCode).toBe(0);
    const configFile = join(root, 'tt-hooks.conf');
    writeFileSync(configFile, hook.stdout);

    const { tmux, socket, env } = tmuxServer(root);
    await tmux('new-session', '-d', '-s', 'main', '-x', '120', '-y', '40', '-c', tmuxPath(billing));
    // The person's own hook, which tt's must not replace.
    await tmux('set-hook', '-g', 'after-select-pane', 'set -g @mine yes');
    await tmux('source-file', configFile);
    await tmux('source-file', configFile); // loading twice must not record twice
    expect(await tmux('show-options', '-g', 'focus-events')).toBe('focus-events on');
    const hooks = (await tmux('show-hooks', '-g'))
      .split('\n')
      .filter((l) => l.startsWith('after-select-pane'));
    expect(hooks.map((l) => l.split(' ')[0])).toEqual(['after-select-pane[0]', 'after-select-pane[42]']);
    await tmux('split-window', '-t', 'main:0', '-c', tmuxPath(hotfix));
    await tmux('new-window', '-t', 'main:1', '-c', tmuxPath(dots));
    await tmux('new-session', '-d', '-s', 'other', '-c', tmuxPath(hostile));
    await tmux('new-window', '-t', 'other:1', '-c', tmuxPath(shop));

    // A client on a pseudo-terminal (util-linux `script`), like a person's terminal: switch-client
    // has someone to switch, and what we write to it is what a terminal sends, focus reports too.
    const client: ResultPromise = execa('script', ['-qfc', `tmux -L ${socket} attach -t main`, '/dev/null'], {
      env,
      extendEnv: false,
      stdin: 'pipe',
      stdout: 'ignore',
      reject: false,
    });
    cleanups.push(async () => {
      client.kill();
      await client;
    });
    let clientName = '';
    for (let i = 0; i < 50 && clientName === ''; i++) {
      clientName = (await tmux('list-clients', '-F', '#{client_name}')).split('\n')[0] ?? '';
      if (clientName === '') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(clientName).not.toBe('');

    await tmux('select-window', '-t', 'main:0');
    await tmux('select-pane', '-t', 'main:0.0'); // billing
    await tmux('select-pane', '-t', 'main:0.1'); // the worktree
    await tmux('select-window', '-t', 'main:1'); // dots (session-window-changed)
    await tmux('switch-client', '-c', clientName, '-t', 'other:0'); // the hostile name (client-session-changed)
    await tmux('select-window', '-t', 'other:1'); // shop
    await tmux('copy-mode', '-t', 'other:1.0'); // scrolling in shop (pane-mode-changed)

    const focusDirs = [billing, hotfix, dots, hostile, shop];
    const lines = await waitForSpool(
      dataDir,
      (got) =>
        focusDirs.every((dir) => got.some((l) => l.type === 'pane-focus' && l.cwd === dir)) &&
        got.some((l) => l.type === 'scroll' && l.cwd === shop),
    );
    // (a hook that fires while a new pane's shell is starting may see no directory yet: null)
    const recorded = lines.filter((l) => l.type === 'pane-focus' && l.cwd !== null).map((l) => l.cwd);
    expect(new Set(recorded)).toEqual(new Set(focusDirs));

    // The terminal window loses and regains focus (ESC [ O, ESC [ I): pane-focus-in, for shop.
    const shopFocus = (got: SpoolLine[]) =>
      got.filter((l) => l.type === 'pane-focus' && l.cwd === shop).length;
    const before = shopFocus(spoolLines(dataDir));
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the 500 ms repeat rule
    client.stdin!.write('\x1b[O');
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.stdin!.write('\x1b[I');
    expect(shopFocus(await waitForSpool(dataDir, (got) => shopFocus(got) > before))).toBeGreaterThan(before);

    const listed = await runTt(['--data-dir', dataDir, 'events', '--since', '1h', '--json']);
    expect(listed.exitCode).toBe(0);
    const events = JSON.parse(listed.stdout) as {
      type: string;
      cwd: string;
      projectName: string;
      workspaceName: string;
      identitySource: string;
      paneId: string;
      tmuxSession: string;
    }[];
    const identity = (cwd: string, type = 'pane-focus') => {
      const event = events.find((e) => e.cwd === cwd && e.type === type);
      return event && [event.projectName, event.workspaceName, event.identitySource, event.tmuxSession];
    };
    expect(identity(billing)).toEqual(['billing', 'billing', 'git', 'main']);
    expect(identity(hotfix)).toEqual(['billing', 'billing-hotfix', 'git', 'main']);
    expect(identity(dots)).toEqual(['dotfiles', 'dots', 'git', 'main']);
    expect(identity(hostile)).toEqual([
      `it's $(touch pwned) my app`,
      `it's $(touch pwned) my app`,
      'git',
      'other',
    ]);
    expect(identity(shop)).toEqual(['storefront', 'shop', 'git', 'other']);
    expect(identity(shop, 'scroll')).toEqual(['storefront', 'shop', 'git', 'other']);
    expect(events.every((e) => /^%\d+$/.test(e.paneId))).toBe(true);

    // Importing again (the CLI imports before listing) adds nothing.
    const again = JSON.parse(
      (await runTt(['--data-dir', dataDir, 'events', '--since', '1h', '--json'])).stdout,
    );
    expect(again).toHaveLength(events.length);

    // Nothing ran: no pwned file in the temp tree (repos, data dir, tmux's cwd), the test's
    // cwd or the home tmux was given; and the hook wrote no errors.
    expect(findFiles(root, 'pwned')).toEqual([]);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
    expect(readFileSync(join(dataDir, 'ingest.log'), 'utf8')).toBe('');
  });

  it('keeps a directory with a line break, a carriage return or a tab exactly, and runs nothing in it', async () => {
    const root = realpathSync(tempDir('tt-tmux-'));
    const dataDir = join(root, 'data');
    // The program a line break in a path would run: absolute, and relative to wherever the
    // hook's shell may start (tmux's cwd, the session's directory, HOME).
    const ran = join(root, 'evil-ran');
    const { tmux, serverCwd } = tmuxServer(root);
    for (const dir of [root, serverCwd]) {
      mkdirSync(join(dir, 'bin'), { recursive: true });
      writeFileSync(join(dir, 'bin', 'evil'), `#!/bin/sh\necho "$0" >> '${ran}'\n`);
      chmodSync(join(dir, 'bin', 'evil'), 0o755);
    }
    const strange = [
      join(root, 'r\nbin', 'evil'), // the report's repro: "…/r" then "bin/evil" as a command
      join(root, `n\n${root}`, 'bin', 'evil'), // the same with an absolute program
      join(root, 'c\rr'),
      join(root, 't\tab'),
      join(root, `q'\n'$(touch pwned)`),
    ];
    for (const dir of strange) mkdirSync(dir, { recursive: true });

    const hook = await runTt(['--data-dir', dataDir, 'hook', 'tmux']);
    const configFile = join(root, 'tt-hooks.conf');
    writeFileSync(configFile, hook.stdout);
    await tmux('new-session', '-d', '-s', 'main', '-x', '120', '-y', '40', '-c', tmuxPath(root));
    await tmux('source-file', configFile);
    for (const [i, dir] of strange.entries()) {
      await tmux('new-window', '-t', `main:${i + 1}`, '-c', tmuxPath(dir));
    }
    for (const i of strange.keys()) await tmux('select-window', '-t', `main:${i + 1}`);

    const lines = await waitForSpool(dataDir, (got) =>
      strange.every((dir) => got.some((l) => l.type === 'pane-focus' && l.cwd === dir)),
    );
    expect(strange.filter((dir) => !lines.some((l) => l.cwd === dir))).toEqual([]);

    const listed = await runTt(['--data-dir', dataDir, 'events', '--since', '1h', '--json']);
    expect(listed.exitCode).toBe(0);
    const cwds = new Set((JSON.parse(listed.stdout) as { cwd: string }[]).map((e) => e.cwd));
    for (const dir of strange) expect(cwds.has(dir)).toBe(true);

    expect(existsSync(ran)).toBe(false);
    expect(findFiles(root, 'pwned')).toEqual([]);
    expect(readFileSync(join(dataDir, 'ingest.log'), 'utf8')).toBe('');
  });
});
