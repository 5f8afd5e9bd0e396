import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { _electron } from 'playwright-core';
import { tempDir } from '../helpers/temp';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Electron binary, when `install-electron` (npm start) has fetched it; never required here. */
function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (existsSync(pathFile)) {
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return binary;
  }
  const fallback = join(dir, 'dist', 'electron');
  return existsSync(fallback) ? fallback : null;
}

/** The built renderer, never a dev server someone left running. */
function withoutDevServer(env: NodeJS.ProcessEnv): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') copy[key] = value;
  return copy;
}

const binary = electronBinary();
const built = existsSync(join(ROOT, 'out', 'main', 'index.js'));
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const reason = !binary
  ? 'the Electron binary is not installed (run `npm start` once, which fetches it)'
  : !built
    ? 'the app is not built (run `npm run build`)'
    : !display
      ? 'there is no display (run under xvfb-run)'
      : null;

describe('the Electron app (smoke)', () => {
  it.skipIf(reason !== null)(
    `opens its window with the new-user empty state${reason ? ` — skipped: ${reason}` : ''}`,
    async () => {
      const app = await _electron.launch({
        executablePath: binary!,
        args: [ROOT, '--no-sandbox'],
        // Its own data and an empty Claude folder, whatever this machine holds.
        env: { ...withoutDevServer(process.env), TT_DATA_DIR: tempDir(), CLAUDE_CONFIG_DIR: tempDir() },
      });
      try {
        const window = await app.firstWindow();
        await window.getByText('No agent sessions yet').waitFor({ timeout: 20_000 });
        // The renderer talks to the service through the preload, not over HTTP.
        expect(await window.evaluate(() => typeof (window as unknown as { tt?: unknown }).tt)).toBe('object');
      } finally {
        await app.close();
      }
    },
  );
});
