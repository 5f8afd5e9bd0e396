import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TT_BIN, runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// Issue 26, items 7, 8 and 10: files tt did not create that are not files. Each run has a
// timeout far below runTt's own: a hang fails the test instead of stalling it.
const FIXTURES = join(__dirname, '..', 'fixtures');
const mkfifo = (path: string): void => void execFileSync('mkfifo', [path]);

function agentHomes() {
  const root = tempDir();
  const geminiHome = join(root, 'gemini-home');
  cpSync(join(FIXTURES, 'gemini', 'current', 'tmp'), join(geminiHome, '.gemini', 'tmp'), { recursive: true });
  const xdg = join(root, 'xdg');
  mkdirSync(join(xdg, 'opencode'), { recursive: true });
  const codexHome = join(root, 'codex');
  const day = join(codexHome, 'sessions', '2026', '02', '23');
  mkdirSync(day, { recursive: true });
  cpSync(join(FIXTURES, 'codex', 'codex-home', 'sessions', '2026', '02', '23'), day, { recursive: true });
  const env = {
    TT_DATA_DIR: join(root, 'data'),
    HOME: join(root, 'home'),
    CLAUDE_CONFIG_DIR: join(root, 'no-claude'),
    CODEX_HOME: codexHome,
    GEMINI_CLI_HOME: geminiHome,
    XDG_DATA_HOME: xdg,
    TZ: 'UTC',
  };
  return {
    root,
    env,
    geminiProject: join(geminiHome, '.gemini', 'tmp', 'gemini'),
    openCode: join(xdg, 'opencode'),
    day,
  };
}

describe('FIFOs where an agent keeps its files (items 7 and 10)', { timeout: 60_000 }, () => {
  it('indexes past a FIFO .project_root, a FIFO opencode.db and a FIFO Codex rollout, naming and counting each', async () => {
    const homes = agentHomes();
    rmSync(join(homes.geminiProject, '.project_root'));
    mkfifo(join(homes.geminiProject, '.project_root'));
    mkfifo(join(homes.openCode, 'opencode.db'));
    mkfifo(join(homes.day, 'rollout-2026-02-23T23-59-59-fifo.jsonl'));

    const index = await runTt(['sessions', 'index', '--json'], { env: homes.env, timeoutMs: 20_000 });
    expect(index.exitCode, index.stderr).toBe(0);
    const report = JSON.parse(index.stdout) as { skippedReasons: Record<string, number> };
    expect(report.skippedReasons).toMatchObject({
      'OpenCode: opencode.db is not a regular file (a FIFO; skipped, never waited on)': 1,
      'Codex: rollout is not a regular file (a FIFO; skipped, never waited on)': 1,
    });
    // The Gemini chat is indexed all the same, without the folder its marker would have named.
    const listed = JSON.parse(
      (await runTt(['sessions', 'list', '--json', '--since', '2000-01-01'], { env: homes.env })).stdout,
    ) as {
      agent: string;
    }[];
    expect(listed.filter((s) => s.agent === 'gemini')).toHaveLength(1);
    expect(listed.filter((s) => s.agent === 'codex').length).toBeGreaterThan(0);

    // The dashboard indexes the same homes in the background, and Ctrl-C ends it.
    const child = spawn(process.execPath, [TT_BIN, 'dashboard', '--no-open'], {
      env: { PATH: process.env.PATH ?? '', ...homes.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await expect.poll(() => out.includes('Ctrl-C'), { timeout: 20_000 }).toBe(true);
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(`${code} ${signal}`)),
    );
    child.kill('SIGINT');
    expect(await exited, out).toBe('0 null');
    expect(out).toContain('tt dashboard stopped.');
  });
});

describe('tt.db that is not a database file (item 8)', { timeout: 60_000 }, () => {
  it.each([
    ['a FIFO', (path: string) => mkfifo(path), /tt\.db is a FIFO, not a database file/],
    ['a directory', (path: string) => mkdirSync(path), /tt\.db is a directory, not a database file/],
    [
      'a link to /dev/zero',
      (path: string) => symlinkSync('/dev/zero', path),
      /tt\.db is a character device \(a link to \/dev\/zero\), not a database file/,
    ],
  ])('says tt.db is %s, exit 3, never hangs', async (_what, make, message) => {
    const dataDir = tempDir();
    make(join(dataDir, 'tt.db'));
    const status = await runTt(['--data-dir', dataDir, 'status'], { timeoutMs: 20_000 });
    expect(status.exitCode, status.stderr).toBe(3);
    expect(status.stderr).toMatch(message);
    expect(status.stderr).not.toContain('disk is full');
  });

  it('says the same of its WAL file', async () => {
    const dataDir = tempDir();
    mkfifo(join(dataDir, 'tt.db-wal'));
    const status = await runTt(['--data-dir', dataDir, 'status'], { timeoutMs: 20_000 });
    expect(status.exitCode, status.stderr).toBe(3);
    expect(status.stderr).toContain('tt.db-wal is a FIFO, not a database file');
  });
});

describe('a text file that only looks like one', () => {
  it('writes nothing into a FIFO .tmux.conf and does not wait on it', async () => {
    const home = tempDir();
    mkfifo(join(home, '.tmux.conf'));
    const install = await runTt(['--data-dir', tempDir(), 'hook', 'tmux', '--install'], {
      env: { HOME: home, XDG_CONFIG_HOME: join(home, 'none') },
      timeoutMs: 20_000,
    });
    expect(install.exitCode).toBe(5);
    expect(install.stderr).toContain('is a FIFO, not a regular file');
    writeFileSync(join(home, 'done'), '');
  });
});

describe('names from outside (item 9)', { timeout: 60_000 }, () => {
  it('a 100 KB .project_root with newlines and a NUL makes a one-line name of at most 100 characters in the report', async () => {
    const homes = agentHomes();
    const marker = `/work/${'proj\n'.repeat(10_000)}\0tail${'x'.repeat(50_000)}`;
    writeFileSync(join(homes.geminiProject, '.project_root'), marker);
    const env = { ...homes.env, CODEX_HOME: join(homes.root, 'no-codex') };
    const index = await runTt(['sessions', 'index'], { env, timeoutMs: 30_000 });
    expect(index.exitCode, index.stderr).toBe(0);
    const [session] = JSON.parse(
      (await runTt(['sessions', 'list', '--json', '--since', '2000-01-01'], { env })).stdout,
    ) as { projectName: string }[];
    expect(session!.projectName).toHaveLength(100);
    expect(session!.projectName.startsWith('proj\\nproj\\n')).toBe(true);
    expect(session!.projectName).not.toMatch(/[\n\0]/);
    const infer = await runTt(['infer', '--since', '2025-10-01', '--until', '2025-11-01'], { env });
    expect(infer.exitCode, infer.stderr).toBe(0);
    for (const by of [[], ['--by', 'project']]) {
      const report = await runTt(['report', '--since', '2025-10-01', '--until', '2025-11-01', ...by], {
        env,
      });
      expect(report.exitCode, report.stderr).toBe(0);
      expect(report.stdout).toContain('proj\\nproj\\n');
      expect(report.stdout).not.toContain('\0');
      for (const line of report.stdout.split('\n')) expect(line.length).toBeLessThan(200);
    }
  });
});
