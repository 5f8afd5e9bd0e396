import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TT_BIN, runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

describe('tt dashboard on the command line', () => {
  it('says to build the app when the renderer is missing', async () => {
    const result = await runTt(['--data-dir', tempDir(), 'dashboard', '--no-open'], {
      env: { TT_RENDERER_DIR: tempDir() },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('npm run build');
  });

  it('refuses a port that is not a port', async () => {
    const result = await runTt(['--data-dir', tempDir(), 'dashboard', '--no-open', '--port', 'http']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--port');
  });

  it('says when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = await runTt(['--data-dir', tempDir(), 'dashboard', '--no-open', '--port', String(port)]);
    blocker.close();
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`port ${port} is already in use`);
  });

  it('prints its URL, serves on the port asked for, and stops cleanly on Ctrl-C', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    await new Promise<void>((resolve) => blocker.close(() => resolve()));

    const child = spawn(
      process.execPath,
      [TT_BIN, '--data-dir', tempDir(), 'dashboard', '--no-open', '--port', String(port)],
      {
        env: { HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '' },
      },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /running at (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]{64}$`));
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(303);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(out).toContain('tt dashboard stopped.');
  });
});

describe('one-time login URLs on the command line', () => {
  it('prints a fresh URL for the running dashboard (`--url`), each URL opens it once, and the secret stays in a 0600 file', async () => {
    const dataDir = tempDir();
    const none = await runTt(['--data-dir', dataDir, 'dashboard', '--url']);
    expect(none.exitCode).toBe(4);
    expect(none.stderr).toContain('no tt dashboard is running');
    expect(none.stderr).toContain('tt dashboard');

    const child = spawn(process.execPath, [TT_BIN, '--data-dir', dataDir, 'dashboard', '--no-open'], {
      env: { HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '' },
    });
    let out = '';
    const printed = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /running at (\S+)[\s\S]*Ctrl-C/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    try {
      expect(out).toContain('once, within 60 seconds');
      const state = join(dataDir, 'dashboard.json');
      expect(statSync(state).mode & 0o777).toBe(0o600);
      const secret = (JSON.parse(readFileSync(state, 'utf8')) as { secret: string }).secret;
      expect(printed).not.toContain(secret);

      const first = await fetch(printed, { redirect: 'manual' });
      expect(first.status).toBe(303);
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      const second = await fetch(printed, { redirect: 'manual' });
      expect(second.status).toBe(403);
      expect(await second.text()).toContain('Run <code>tt dashboard</code> again and use the URL it prints');
      expect((await fetch(new URL('/', printed), { headers: { cookie } })).status).toBe(200);

      const fresh = await runTt(['--data-dir', dataDir, 'dashboard', '--url']);
      expect(fresh.exitCode).toBe(0);
      const url = fresh.stdout.split('\n')[0]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      expect(url).not.toBe(printed);
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(403);
    } finally {
      const exit = new Promise<string>((resolve) =>
        child.once('exit', (code, signal) => resolve(`${code} ${signal}`)),
      );
      child.kill('SIGINT');
      expect(await exit, out).toBe('0 null');
    }
    expect(existsSync(join(dataDir, 'dashboard.json'))).toBe(false);
  });
});
