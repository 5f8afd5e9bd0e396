// What the browser benchmarks share: the built renderer, Debian's Chromium, and why a run
// has to be skipped without them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

/** Why a browser benchmark cannot run here, or null when it can. */
export function browserSkipReason(): string | null {
  if (!existsSync(join(RENDERER, 'index.html'))) return 'out/renderer is missing; run `npm run build` first';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  return null;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
