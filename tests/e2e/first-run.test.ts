import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  FIXTURE_ROOT,
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  screenshotsAtWidths,
  startDashboard,
  type RunningDashboard,
} from './harness';

/**
 * A new user's page, opened on today: an empty data directory, Claude Code's real transcripts
 * (February 2026, long before "now") where Claude Code keeps them, and `tt dashboard` started
 * on them (it indexes in the background at once). Registers the suite's beforeAll and afterAll.
 */
function newUserPage(opened: (page: Page) => void): void {
  const scratch = scratchDir();
  const claudeConfig = join(scratch.path, 'claude-config');
  let dashboard: RunningDashboard;
  let browser: Browser;
  beforeAll(async () => {
    cpSync(FIXTURE_ROOT, join(claudeConfig, 'projects'), { recursive: true });
    dashboard = await startDashboard(join(scratch.path, 'data'), { CLAUDE_CONFIG_DIR: claudeConfig });
    browser = await launchChromium();
    opened((await newAppPage(browser, dashboard)).page);
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    scratch.remove();
  });
}

// A new user: an empty data directory, Claude Code's real transcripts (February 2026, long
// before "now"), the dashboard opened on today. One press of Index now must lead to the work.
describe.skipIf(!RENDERER_BUILT)(
  `the first run leads to the work${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    let page: Page;
    newUserPage((opened) => (page = opened));

    it('one Index now shows the spotter streams on their week, and says why that week', async () => {
      await page.getByRole('button', { name: 'Index now' }).first().click();
      // No further clicks: the week of 9–15 February 2026, with one lane per spotter stream.
      await expect.poll(() => page.getByTestId('range-title').textContent()).toBe('9–15 February 2026');
      const laneNames = () =>
        page.getByTestId('lane').evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name')));
      await expect.poll(async () => (await laneNames()).length).toBeGreaterThan(1);
      await expect
        .poll(async () => (await laneNames()).every((name) => name?.startsWith('spotter')))
        .toBe(true);
      const notice = page.getByTestId('range-notice');
      // The background index may have read the files first; either way the page says why this week.
      expect(await notice.textContent()).toMatch(
        /Index now found 12 sessions from 10–12 Feb 2026; showing them\.|Showing the latest activity, on 12 Feb 2026\./,
      );
      expect(await page.getByTestId('stream-row').count()).toBeGreaterThan(1);
      await screenshotsAtWidths(page, 'first-run');
    });

    it('"Latest" is always there, and an empty range offers the way to the work', async () => {
      await page.getByRole('button', { name: 'Previous week' }).click();
      await page.getByRole('button', { name: 'Previous week' }).click();
      const empty = page.getByTestId('empty-range');
      expect(await empty.textContent()).toContain('The latest activity was on 12 Feb 2026');
      await empty.getByRole('button', { name: 'Go to the latest activity' }).click();
      await expect.poll(() => page.getByTestId('range-title').textContent()).toBe('9–15 February 2026');
      await page.getByRole('button', { name: 'Day', exact: true }).click();
      await page.getByRole('button', { name: 'Today', exact: true }).click();
      await page.getByTestId('latest-activity').click();
      await expect
        .poll(() => page.getByTestId('range-title').textContent())
        .toBe('Thursday 12 February 2026');
    });
  },
);

// The dashboard indexes in the background as it starts: a page opened on today must go to the
// work by itself, without a click, and a later Index now says the background index read it all.
describe.skipIf(!RENDERER_BUILT)(
  `the first run without a click${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    let page: Page;
    newUserPage((opened) => (page = opened));

    it('goes to the week of the work once the background index has read it, and says why', async () => {
      await expect
        .poll(() => page.getByTestId('range-title').textContent(), { timeout: 20_000 })
        .toBe('9–15 February 2026');
      expect(await page.getByTestId('range-notice').locator('div').first().textContent()).toBe(
        'Showing the latest activity, on 12 Feb 2026.',
      );
      await expect.poll(() => page.getByTestId('lane').count()).toBeGreaterThan(1);
      // A later Index now says the background index had read the sessions, not "nothing new since the last index".
      await page.getByRole('button', { name: 'Index now' }).first().click();
      await expect
        .poll(() => page.getByTestId('toasts').textContent())
        .toMatch(/all 12 sessions were already read \(tt indexes by itself in the background\)/);
      await page.screenshot({ path: screenshotPath('first-run-no-click.png') });
    });
  },
);
