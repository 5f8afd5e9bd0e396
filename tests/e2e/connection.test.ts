import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  buildFixtureDatabase,
  freePort,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type RunningDashboard,
} from './harness';

// tt dashboard stops under an open page: the page must say so at once, keep what it showed
// marked out of date, and come back by itself when tt is started again on the same port.
describe.skipIf(!RENDERER_BUILT)(
  `the page and a stopped tt${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    const dataDir = `${scratch.path}/data`;
    let port: number;
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      const built = await buildFixtureDatabase(dataDir);
      if (built.missing.length) throw new Error(built.missing.join('\n'));
      port = await freePort();
      dashboard = await startDashboard(dataDir, {}, port);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-12'));
      await page.getByTestId('lane').first().waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('says at once that tt is not running, and marks the data on screen as stale', async () => {
      await dashboard.stop();
      const banner = page.getByTestId('connection-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('tt is not running');
      expect(await banner.textContent()).toContain(`tt dashboard --port ${port}`);
      // The last data stays on screen, marked.
      expect(await page.getByTestId('lane').count()).toBeGreaterThan(0);
      expect(await page.locator('main.content.stale').count()).toBe(1);
      // One alert only: the queries failing under it do not each say the same thing.
      expect(await page.getByRole('alert').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('connection-lost.png') });
    });

    it('reconnects by itself when tt starts again on the same port', async () => {
      dashboard = await startDashboard(dataDir, {}, port);
      await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await page.locator('main.content.stale').count()).toBe(0);
      // Live again: a change made now reaches the page without a reload.
      const name = 'Renamed while reconnected';
      const streams = await page.request.post('/api/listStreams', {
        data: '[]',
        headers: { 'content-type': 'application/json' },
      });
      const [first] = ((await streams.json()) as { value: { id: string }[] }).value;
      await page.request.post('/api/renameStream', {
        data: JSON.stringify([{ id: first!.id, name }]),
        headers: { 'content-type': 'application/json' },
      });
      await expect
        .poll(() =>
          page.getByTestId('lane').evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name'))),
        )
        .toContain(name);
    });
  },
);
