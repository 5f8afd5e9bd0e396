import { spawn } from 'node:child_process';
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
