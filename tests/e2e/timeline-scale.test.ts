import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
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
import { buildBusyWeek } from './many-streams';
import { scrolledIntoSight } from './scrolled-into-sight';

const STREAMS = 104;

// A heavy user's week: more than a hundred streams active. Every lane must be reachable, the
// page must not overflow sideways on a small screen, and the keyboard must reach the blocks.
describe.skipIf(!RENDERER_BUILT)(
  `the timeline with ${STREAMS} streams in a week${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    const dataDir = `${scratch.path}/data`;
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    /** The lanes' stream ids in order, as scrolling through them showed them. */
    let reached: string[] = [];
    const laneIds = () =>
      page.getByTestId('lane').evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-id')));
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    beforeAll(async () => {
      await buildBusyWeek(scratch.path, dataDir, STREAMS);
      dashboard = await startDashboard(dataDir);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-11'));
      await page.getByTestId('lane').first().waitFor();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('shows the first streams by attention and folds the rest into one control that opens in place', async () => {
      expect(await laneIds()).toHaveLength(12);
      const more = page.getByTestId('more-lanes');
      expect(await more.textContent()).toBe(`+ ${STREAMS - 12} more streams`);
      await screenshotsAtWidths(page, `streams-${STREAMS}-week`);
      await more.click();
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      // Windowed: not every lane is drawn at once, but scrolling the lanes brings each into sight.
      expect((await laneIds()).length).toBeLessThan(STREAMS);
      reached = await scrolledIntoSight(page, {
        scroller: '[data-testid="timeline-scroll"]',
        item: '[data-testid="lane"]',
        attribute: 'data-stream-id',
      });
      expect(new Set(reached).size).toBe(STREAMS);
    });

    it('every lane can be reached by scrolling the lanes, under a sticky axis and sticky labels', async () => {
      const scroller = page.getByTestId('timeline-scroll');
      const box = (await scroller.boundingBox())!;
      const lastLane = page.locator(`[data-testid="lane"][data-stream-id="${reached.at(-1)}"]`);
      const toTop = () => scroller.evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
      const toBottom = () =>
        scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight, behavior: 'instant' }));
      await toBottom();
      const lastLabel = page.locator(
        `[data-testid="lane-label"]:has(.lane-name[title="${await lastLane.getAttribute('data-stream-name')}"])`,
      );
      await toTop();
      // Out of sight at first (not even drawn): the lanes scroll inside their box, not the page.
      await expect.poll(() => lastLane.count()).toBe(0);
      await toBottom();
      for (const element of [lastLane, lastLabel]) {
        const seen = (await element.boundingBox())!;
        expect(seen.y).toBeGreaterThanOrEqual(box.y);
        expect(seen.y + seen.height).toBeLessThanOrEqual(box.y + box.height + 1);
      }
      // The axis stayed at the top of the box.
      const axis = (await page.locator('.timeline-axis').boundingBox())!;
      expect(Math.abs(axis.y - box.y)).toBeLessThan(2);
    });

    it('never overflows the page sideways at 1440, 1024 and 800 wide, with a stream selected and review on', async () => {
      for (const width of [1440, 1024, 800]) {
        await page.setViewportSize({ width, height: 700 });
        expect(await overflow()).toBeLessThanOrEqual(0);
        await page.getByTestId('lane-label').first().click();
        await page.getByTestId('session').first().waitFor();
        expect(await overflow()).toBeLessThanOrEqual(0);
        await page.getByRole('button', { name: 'Review', exact: true }).click();
        expect(await overflow()).toBeLessThanOrEqual(0);
        await page.getByRole('button', { name: 'Review', exact: true }).click();
      }
    });

    it('toasts never cover the details panel’s controls at 1440, 1024 and 800 wide, wherever the page is scrolled', async () => {
      for (const width of [1440, 1024, 800]) {
        await page.setViewportSize({ width, height: 700 });
        // The top lane, at the top of the page: the last width's toasts may still sit low on the left.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page
          .getByTestId('timeline-scroll')
          .evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
        await page.getByTestId('lane-label').first().click();
        const detail = page.getByTestId('stream-detail');
        await detail.getByTestId('session').first().waitFor();
        // Two edits, one toast that counts them ("2 confirmed", with its Undo); toasts stay a
        // while, so later widths count on. One click at a time, each waiting for its toast.
        const toastText = async () => (await page.getByTestId('toasts').textContent()) ?? '';
        while (!/\d+ confirmed/.test(await toastText())) {
          const before = await toastText();
          await page
            .getByTestId('stream-row')
            .getByRole('button', { name: /^Confirm / })
            .first()
            .click();
          await expect.poll(toastText, { timeout: 10_000 }).not.toBe(before);
        }
        for (const where of ['top', 'details', 'bottom'] as const) {
          if (where === 'details') await detail.evaluate((el) => el.scrollIntoView({ block: 'end' }));
          else
            await page.evaluate(
              (top) => window.scrollTo(0, top ? 0 : document.body.scrollHeight),
              where === 'top',
            );
          const { controls, toasts } = await page.evaluate(() => {
            const boxes = (selector: string) =>
              [...document.querySelectorAll(selector)]
                .map((el) => el.getBoundingClientRect())
                .filter((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight)
                .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom }));
            return {
              controls: boxes(
                '[data-testid="stream-detail"] :is(button, input, select, textarea, [role="button"])',
              ),
              toasts: boxes('[data-testid="toast"]'),
            };
          });
          expect(toasts.length, `${width} px, ${where}`).toBeGreaterThanOrEqual(1);
          if (where === 'details') {
            expect(controls.length, `${width} px`).toBeGreaterThan(2);
            await page.screenshot({ path: screenshotPath(`details-and-toasts-${width}.png`) });
          }
          const covered = controls.filter((c) =>
            toasts.some((t) => c.left < t.right && t.left < c.right && c.top < t.bottom && t.top < c.bottom),
          );
          expect(covered, `${width} px, scrolled to the ${where}`).toEqual([]);
        }
      }
    });

    it('a block reached by the keyboard shows its details, and Enter selects its session', async () => {
      await page.setViewportSize({ width: 1024, height: 700 });
      const block = page.getByTestId('session-block').first();
      await block.focus();
      const tooltip = page.getByTestId('timeline-tooltip');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toContain('Step 1 of the work');
      // The focused block's own session (the lanes are windowed: which block is drawn first can change).
      const sessionId = await page.evaluate(() => document.activeElement?.getAttribute('data-session-id'));
      expect(sessionId).toMatch(/^0000/);
      await page.keyboard.press('Enter');
      await page
        .locator(`[data-testid="session"][data-session-id="${sessionId}"][aria-current="true"]`)
        .waitFor();
    });

    it('names that share a long beginning are cut in the middle, and focus shows them whole', async () => {
      // The beginning is cut (by the browser, once: its text is the whole name), the end stays.
      const shown = await page.locator('.lane-name').evaluateAll((els) =>
        els.map((el) => {
          const head = el.querySelector<HTMLElement>('.lane-name-head')!;
          return {
            name: el.textContent!,
            cut: head.scrollWidth > head.clientWidth,
            tail: el.querySelector('.lane-name-tail')?.textContent ?? null,
          };
        }),
      );
      const cut = shown.filter((lane) => lane.name.startsWith('write-') && lane.cut);
      expect(cut.length).toBeGreaterThan(1);
      // The ends stay in sight and differ, so the lanes can be told apart.
      expect(cut.every((lane) => lane.tail !== null && lane.name.endsWith(lane.tail))).toBe(true);
      expect(new Set(cut.map((lane) => lane.tail)).size).toBe(cut.length);
      const label = page.locator('[data-testid="lane-label"]:has(.lane-name[title^="write-weekly"])').first();
      await label.focus();
      expect(await page.getByTestId('timeline-tooltip').textContent()).toMatch(
        /write-weekly-status-report-for-team-\w+-\d+/,
      );
    });
  },
);
