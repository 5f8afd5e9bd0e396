import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  buildFixtureDatabase,
  launchChromium,
  newAppPage,
  scratchDir,
  startDashboard,
  type RunningDashboard,
} from './harness';
import { APP_VIEWS, seriousViolations } from './accessibility';

// Every view, as a person reaches it, checked by axe-core: no serious or critical violation.
describe.skipIf(!RENDERER_BUILT)(
  `accessibility of every view${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;

    beforeAll(async () => {
      const built = await buildFixtureDatabase(`${scratch.path}/data`);
      if (built.missing.length) throw new Error(built.missing.join('\n'));
      dashboard = await startDashboard(`${scratch.path}/data`);
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    // The three window sizes a newcomer tried, light; dark once (its contrast is its own).
    const runs = [
      { width: 1440, height: 900, scheme: 'light' },
      { width: 1024, height: 700, scheme: 'light' },
      { width: 800, height: 600, scheme: 'light' },
      { width: 1024, height: 700, scheme: 'dark' },
    ] as const;
    for (const view of APP_VIEWS) {
      for (const { width, height, scheme } of runs) {
        it(`${view.name} at ${width}×${height} (${scheme}): axe-core finds no serious or critical violation`, async () => {
          const { context, page } = await newAppPage(browser, dashboard, view.hash, {
            bypassCSP: true,
            viewport: { width, height },
          });
          try {
            await page.emulateMedia({ colorScheme: scheme });
            await view.open(page);
            expect(await seriousViolations(page)).toEqual([]);
          } finally {
            await context.close();
          }
        });
      }
    }
  },
);
