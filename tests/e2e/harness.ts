// The end-to-end harness: a real `tt dashboard` child process over a real database built by
// the real CLI, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TT_BIN, runTt, type CliResult } from '../helpers/cli';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';

export const FIXTURE_ROOT = CLAUDE_FIXTURE_ROOT;
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));
const RENDERER_PRESENT = existsSync(fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url)));
/** The e2e tests need the built app and Debian's Chromium; without them they skip, and say why. */
export const E2E_SKIP_REASON = !RENDERER_PRESENT
  ? 'out/renderer is missing: run `npm run build`'
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing: apt-get install -y chromium`
    : null;
export const RENDERER_BUILT = E2E_SKIP_REASON === null;

/** Every test process sees the same clock zone, so local-time labels are predictable. */
export const TEST_TZ = 'UTC';

export function scratchDir(prefix = 'tt-e2e-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Step {
  ok: boolean;
  result: CliResult;
}

export interface FixtureDatabase {
  dataDir: string;
  index: Step;
  events: Step;
  infer: Step;
  /** What did not work, for skip messages: the parts of tt that have not landed. */
  missing: string[];
}

const tt = (dataDir: string, args: string[], env: Record<string, string> = {}) =>
  runTt(['--data-dir', dataDir, ...args], { env: { TZ: TEST_TZ, ...env } });

/**
 * The database the UI tests look at: the real transcripts indexed, a few focus events
 * ingested and imported through the tmux hook's command, and streams inferred by project.
 */
export async function buildFixtureDatabase(dataDir: string): Promise<FixtureDatabase> {
  const missing: string[] = [];
  const step = async (name: string, run: () => Promise<CliResult>): Promise<Step> => {
    const result = await run();
    const ok = result.exitCode === 0;
    if (!ok) missing.push(`${name}: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
    return { ok, result };
  };
  const index = await step('tt sessions index', () =>
    tt(dataDir, ['sessions', 'index', '--root', FIXTURE_ROOT, '--json']),
  );
  const events = await step('tt ingest + tt events import', async () => {
    const cwd = join(dataDir, 'work', 'spotter');
    mkdirSync(cwd, { recursive: true });
    for (const [pane, window] of [
      ['%1', '0'],
      ['%2', '1'],
      ['%1', '0'],
    ] as const) {
      const ingest = await tt(dataDir, [
        'ingest',
        'pane-focus',
        '--pane',
        pane,
        '--cwd',
        cwd,
        '--session',
        'main',
        '--window',
        window,
      ]);
      if (ingest.exitCode !== 0) return ingest;
    }
    return tt(dataDir, ['events', '--json']);
  });
  const infer = await step('tt infer', () =>
    tt(dataDir, ['infer', '--start', '2026-02-01T00:00:00Z', '--end', '2026-03-01T00:00:00Z', '--json']),
  );
  return { dataDir, index, events, infer, missing };
}

export interface RunningDashboard {
  /** The login URL it printed: it opens the dashboard once. */
  url: string;
  origin: string;
  /** A login URL not used yet: the printed one first, then fresh ones from `tt dashboard --url`. */
  loginUrl(): Promise<string>;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts `tt dashboard --no-open --port 0` (or the port given) and reads the URL it prints. */
export async function startDashboard(
  dataDir: string,
  env: Record<string, string> = {},
  port = 0,
): Promise<RunningDashboard> {
  const child = spawn(
    process.execPath,
    [TT_BIN, '--data-dir', dataDir, 'dashboard', '--no-open', '--port', String(port)],
    {
      env: { HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '', TZ: TEST_TZ, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`tt dashboard printed no URL:\n${stdout}\n${stderr}`)),
      20_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tt dashboard exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  let printedUsed = false;
  return {
    url,
    origin: parsed.origin,
    loginUrl: async () => {
      if (!printedUsed) {
        printedUsed = true;
        return url;
      }
      const fresh = await runTt(['--data-dir', dataDir, 'dashboard', '--url'], { env });
      if (fresh.exitCode !== 0) throw new Error(`tt dashboard --url failed:\n${fresh.stderr}`);
      return fresh.stdout.split('\n')[0]!;
    },
    child,
    output: () => stdout + stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGINT');
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /**
   * Lets a test inject a script (axe-core) into the page: the app's CSP refuses inline scripts,
   * as it should. Tests only; the app never runs without its CSP.
   */
  bypassCSP?: boolean;
}

export async function newAppPage(
  browser: Browser,
  dashboard: RunningDashboard,
  hash = '',
  options: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: dashboard.origin,
    viewport: options.viewport ?? { width: 1360, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    timezoneId: TEST_TZ,
    locale: 'en-GB',
    colorScheme: 'light',
  });
  const page = await context.newPage();
  // Fail with Playwright's own message (which locator, what it saw) before the test's timeout.
  page.setDefaultTimeout(10_000);
  await page.goto(await dashboard.loginUrl());
  if (hash) await page.goto(`${dashboard.origin}/${hash}`);
  return { context, page };
}

/** Calls the dashboard's API the way the renderer does, with the page's cookie. */
export async function callApi<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const response = await page.request.post(`/api/${method}`, {
    data: JSON.stringify(args),
    headers: { 'content-type': 'application/json' },
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message ?? `HTTP ${response.status()}`);
  return body.value as T;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, name);
}

/** A port nobody listens on now, for a dashboard that must come back on the same one. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Screenshots of the page as it is, at 1440 and 1024 wide, light and dark: `<name>-<width>-<scheme>.png`. */
export async function screenshotsAtWidths(page: Page, name: string, height = 900): Promise<void> {
  for (const width of [1440, 1024]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(`${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
