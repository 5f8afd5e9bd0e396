import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runTt } from '../helpers/cli';
import {
  E2E_SKIP_REASON,
  FIXTURE_ROOT,
  RENDERER_BUILT,
  TEST_TZ,
  launchChromium,
  newAppPage,
  scratchDir,
  startDashboard,
  type RunningDashboard,
} from './harness';

// An open page follows what the command line does to the same database, without a reload.
describe.skipIf(!RENDERER_BUILT)(
  `tt dashboard follows the command line${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    const tt = (...args: string[]) => runTt(['--data-dir', scratch.path, ...args], { env: { TZ: TEST_TZ } });

    beforeAll(async () => {
      dashboard = await startDashboard(scratch.path, { CLAUDE_CONFIG_DIR: scratch.path });
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-12'));
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('a `tt sessions index` in a terminal fills the open page', async () => {
      await page.getByTestId('empty-no-sessions').waitFor();
      const index = await tt('sessions', 'index', '--root', FIXTURE_ROOT);
      expect(index.exitCode, index.stderr).toBe(0);
      await page.getByTestId('lane').first().waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('empty-no-sessions').count()).toBe(0);
    });

    it('a `tt infer` in a terminal turns the lanes into streams', async () => {
      const infer = await tt('infer', '--start', '2026-02-09T00:00:00Z', '--end', '2026-02-16T00:00:00Z');
      expect(infer.exitCode, infer.stderr).toBe(0);
      await expect.poll(() => page.getByTestId('stream-row').count(), { timeout: 10_000 }).toBeGreaterThan(1);
      const lanes = await page
        .getByTestId('lane')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-id')));
      expect(lanes).not.toContain('');
    });
  },
);
