import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FakeAnthropic } from '../helpers/fake-anthropic';
import { groupByConfidence } from './confidence-groups';
import { runTt } from '../helpers/cli';
import {
  FIXTURE_ROOT,
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  TEST_TZ,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type RunningDashboard,
} from './harness';

/** Set to refresh the README's pictures: `TT_DOCS_SCREENSHOTS=1 npx vitest run tests/e2e/docs-screenshots.test.ts`. */
const REFRESH = process.env.TT_DOCS_SCREENSHOTS === '1';
const DOCS = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

// The README's two pictures, from the real fixture transcripts: the week with a stream open
// (docs/screenshot.png) and Review at 1024×700 (docs/review.png). Written only when asked.
describe.skipIf(!RENDERER_BUILT || !REFRESH)(
  `the README's screenshots${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : REFRESH ? '' : ' — skipped: set TT_DOCS_SCREENSHOTS=1 to refresh docs/*.png'}`,
  () => {
    const scratch = scratchDir();
    const fake = new FakeAnthropic();
    let dashboard: RunningDashboard;
    let browser: Browser;

    beforeAll(async () => {
      await fake.start();
      fake.fallback = groupByConfidence;
      const env = {
        TZ: TEST_TZ,
        ANTHROPIC_API_KEY: 'sk-ant-fake-for-docs',
        ANTHROPIC_BASE_URL: fake.baseURL,
      };
      for (const args of [
        ['sessions', 'index', '--root', FIXTURE_ROOT],
        ['infer', '--llm', '--start', '2026-02-09T00:00:00Z', '--end', '2026-02-16T00:00:00Z'],
      ]) {
        const result = await runTt(['--data-dir', scratch.path, ...args], { env });
        if (result.exitCode !== 0) throw new Error(`tt ${args.join(' ')}: ${result.stderr}`);
      }
      dashboard = await startDashboard(scratch.path, { CLAUDE_CONFIG_DIR: `${scratch.path}/none` });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      await fake.close();
      scratch.remove();
    });

    it('the week with a stream open, at 1440×900', async () => {
      const { context, page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-12', {
        viewport: { width: 1440, height: 900 },
      });
      await page
        .getByTestId('empty-no-events')
        .getByRole('button')
        .click()
        .catch(() => undefined);
      await page.getByTestId('stream-row').locator('.stream-name').first().click();
      await page.getByTestId('session').first().waitFor();
      await page.mouse.move(0, 0);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const path = screenshotPath('docs-screenshot.png');
      await page.screenshot({ path });
      copyFileSync(path, DOCS('screenshot.png'));
      expect(await page.getByTestId('stream-row').count()).toBeGreaterThan(1);
      await context.close();
    });

    it('Review at 1024×700, the first stream open', async () => {
      const { context, page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-12', {
        viewport: { width: 1024, height: 700 },
      });
      await page
        .getByTestId('empty-no-events')
        .getByRole('button')
        .click()
        .catch(() => undefined);
      await page.getByTestId('stream-row').first().waitFor();
      await page.keyboard.press('r');
      await page.keyboard.press('Enter');
      await page.getByTestId('session').first().waitFor();
      const path = screenshotPath('docs-review.png');
      await page.screenshot({ path });
      copyFileSync(path, DOCS('review.png'));
      expect(await page.getByTestId('review-counter').textContent()).toMatch(/to review/);
      await context.close();
    });
  },
);
