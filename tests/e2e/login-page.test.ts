import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TT_BIN } from '../helpers/cli';
import { E2E_SKIP_REASON, RENDERER_BUILT, TEST_TZ, launchChromium, scratchDir } from './harness';

// Issue 26, item 4: the browser opener never sees the one-time secret. `xdg-open` is a
// stand-in on PATH that records its arguments and what the file it was given holds; real
// Chromium then opens that file, which logs it in.
describe.skipIf(!RENDERER_BUILT)(
  `the dashboard's browser opener${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  { timeout: 60_000 },
  () => {
    it('gets the path of a private page, not a URL with a token; the page logs a browser in once and is removed', async () => {
      const scratch = scratchDir();
      const dataDir = join(scratch.path, 'data');
      const bin = join(scratch.path, 'bin');
      const log = join(scratch.path, 'xdg-open.log');
      mkdirSync(bin, { recursive: true });
      // Records argv, then the mode and the content of the file it was asked to open.
      writeFileSync(
        join(bin, 'xdg-open'),
        `#!/bin/sh\n{ printf 'ARGV %s\\n' "$@"; stat -c 'MODE %a' "$1"; cat "$1"; } > '${log}.part' && mv '${log}.part' '${log}'\n`,
      );
      chmodSync(join(bin, 'xdg-open'), 0o755);
      const child = spawn(process.execPath, [TT_BIN, '--data-dir', dataDir, 'dashboard'], {
        env: { HOME: scratch.path, PATH: `${bin}:${process.env.PATH ?? ''}`, TZ: TEST_TZ },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise<string>((resolve) =>
        child.once('exit', (code, signal) => resolve(`${code} ${signal}`)),
      );
      try {
        await expect.poll(() => existsSync(log), { timeout: 20_000 }).toBe(true);
        const recorded = readFileSync(log, 'utf8');
        const argv = recorded
          .split('\n')
          .filter((l) => l.startsWith('ARGV '))
          .map((l) => l.slice(5));
        expect(argv).toHaveLength(1);
        const page = argv[0]!;
        expect(page.startsWith(`${dataDir}/`)).toBe(true);
        expect(page).not.toMatch(/token|[0-9a-f]{32}/);
        expect(recorded).toContain('MODE 600');
        const token = /name="token" value="([0-9a-f]{64})"/.exec(recorded)?.[1];
        expect(token, recorded).toBeDefined();
        const action = /action="(http:\/\/127\.0\.0\.1:\d+\/auth\/login)"/.exec(recorded)?.[1];
        expect(action, recorded).toBeDefined();
        // Nothing printed or passed on a command line holds this token.
        expect(out).not.toContain(token!);

        const browser = await launchChromium();
        try {
          const tab = await browser.newPage();
          await tab.goto(`file://${page}`);
          await tab.waitForURL(new URL('/', action!).href, { timeout: 15_000 });
          // Logged in: the app's API answers with the cookie the form earned.
          const status = await tab.request.post(new URL('/api/status', action!).href, {
            data: '[]',
            headers: { 'content-type': 'application/json' },
          });
          expect(status.status()).toBe(200);
        } finally {
          await browser.close();
        }
        // Used, so removed; and the token is spent.
        expect(existsSync(page)).toBe(false);
        const again = await fetch(action!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `token=${token}`,
        });
        expect(again.status).toBe(403);
      } finally {
        child.kill('SIGINT');
        expect(await exited, out).toBe('0 null');
        scratch.remove();
      }
    });
  },
);
