import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  buildFixtureDatabase,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotsAtWidths,
  startDashboard,
  type RunningDashboard,
} from './harness';

// Reaching February from November took 41 presses of ‹: a typed date, and a chosen range.
describe.skipIf(!RENDERER_BUILT)(
  `navigation by date${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    const title = () => page.getByTestId('range-title').textContent();

    beforeAll(async () => {
      const built = await buildFixtureDatabase(`${scratch.path}/data`);
      if (built.missing.length) throw new Error(built.missing.join('\n'));
      dashboard = await startDashboard(`${scratch.path}/data`);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard));
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('a typed date goes to that day, and the URL keeps it', async () => {
      await page.getByLabel('Go to').fill('2026-02-11');
      await expect.poll(title).toBe('Wednesday 11 February 2026');
      await page.getByTestId('lane').first().waitFor();
      expect(page.url()).toContain('day=2026-02-11');
    });

    it('a day folds its idle stretches into narrow marked gaps, and a toggle unfolds them', async () => {
      await page.getByLabel('Go to').fill('2026-02-12');
      await expect.poll(title).toBe('Thursday 12 February 2026');
      await page.getByTestId('lane').first().waitFor();
      const gaps = page.getByTestId('folded-gap');
      await expect.poll(() => gaps.count()).toBeGreaterThan(1);
      expect(await page.getByTestId('fold-idle').getAttribute('aria-pressed')).toBe('true');
      await screenshotsAtWidths(page, 'day-folded-gaps');
      await page.getByTestId('fold-idle').click();
      await expect.poll(() => gaps.count()).toBe(0);
      await page.getByTestId('fold-idle').click();
      await expect.poll(() => gaps.count()).toBeGreaterThan(1);
    });

    it('a range from one day to another shows those days, survives a reload, and steps by its length', async () => {
      await page.getByRole('button', { name: 'Range', exact: true }).click();
      await page.getByTestId('range-from').fill('2026-02-10');
      await page.getByTestId('range-to').fill('2026-02-12');
      await expect.poll(title).toBe('10–12 Feb 2026');
      await page.getByTestId('lane').first().waitFor();
      expect(page.url()).toContain('view=range');
      expect(page.url()).toContain('until=2026-02-12');
      await page.reload();
      await expect.poll(title).toBe('10–12 Feb 2026');
      await page.getByRole('button', { name: 'Previous range' }).click();
      await expect.poll(title).toBe('7–9 Feb 2026');
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await expect.poll(title).toBe('2–8 February 2026');
      expect(page.url()).not.toContain('until=');
    });
  },
);
