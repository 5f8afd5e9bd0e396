import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StreamSummary } from '../../src/shared/api';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  callApi,
  freePort,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type RunningDashboard,
} from './harness';
import { MARATHON_PROJECT, buildBusyWeek } from './many-streams';

/** The window sizes a newcomer tried: a laptop, a small laptop, a tiled half screen. */
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
  { width: 800, height: 600 },
];
const WEEK = '#view=week&day=2026-02-09';

/** Every figure on screen whose text is wider than its box (cut), as "selector: text". */
function cutFigures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const figures = [
      '[data-testid="streams-table"] .num',
      '[data-testid="day-head"]',
      '.day-head-name',
      '.day-head-totals',
      '.lane-total',
      '[data-testid="range-totals"] > span',
    ];
    const cut: string[] = [];
    for (const selector of figures)
      for (const element of document.querySelectorAll<HTMLElement>(selector))
        if (element.scrollWidth > element.clientWidth)
          cut.push(
            `${selector}: "${element.textContent}" (${element.scrollWidth} > ${element.clientWidth} px)`,
          );
    return cut;
  });
}

/** The row the keyboard is on (its stream's name), or null when focus is elsewhere. */
const focusedRow = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.closest('[data-testid="stream-row"]')?.getAttribute('data-stream-name') ?? null,
  );

// A heavy week (40 streams, one of them a 40-hour marathon with the widest figures) at the
// three window sizes: no figure is cut, review shows its queue, edits are honest offline.
describe.skipIf(!RENDERER_BUILT)(
  `the app, polished for a newcomer${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    const dataDir = `${scratch.path}/data`;
    // Claude Code's own folder is empty: the week was indexed with `tt sessions index --root`.
    const env = { CLAUDE_CONFIG_DIR: `${scratch.path}/claude-config` };
    let port: number;
    let dashboard: RunningDashboard;
    let browser: Browser;

    beforeAll(async () => {
      await buildBusyWeek(scratch.path, dataDir, 40, { marathonHours: 40 });
      port = await freePort();
      dashboard = await startDashboard(dataDir, env, port);
      browser = await launchChromium();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    for (const size of SIZES) {
      it(`at ${size.width}×${size.height} no number cell or day heading is cut`, async () => {
        const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: size });
        try {
          await page.getByTestId('day-head').first().waitFor();
          await page.getByTestId('stream-row').first().waitFor();
          // The widest figures are there: double-digit hours in a day head and in the list.
          expect(await page.getByTestId('day-heads').textContent()).toMatch(/\d\dh \d\dm/);
          expect(await page.getByTestId('streams-table').locator('.num').allTextContents()).toContainEqual(
            expect.stringMatching(/^\d\dh \d\dm$/),
          );
          expect(await cutFigures(page)).toEqual([]);
          // A day of the marathon: its lanes' totals too.
          await page.goto(`${dashboard.origin}/#view=day&day=2026-02-11`);
          await page.getByTestId('lane').first().waitFor();
          expect(await cutFigures(page)).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`at ${size.width}×${size.height} r brings the review queue into view, its first stream focused`, async () => {
        const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: size });
        try {
          await page.getByTestId('stream-row').first().waitFor();
          await page.keyboard.press('r');
          await expect.poll(() => focusedRow(page)).not.toBeNull();
          const first = page.getByTestId('stream-row').first();
          expect(await first.getAttribute('aria-rowindex')).toBe('2');
          expect(await focusedRow(page)).toBe(await first.getAttribute('data-stream-name'));
          // In sight: below the sticky toolbar, above the window's foot.
          const place = await page.evaluate(() => {
            const row = document.activeElement!.getBoundingClientRect();
            return {
              top: row.top,
              bottom: row.bottom,
              toolbar: document.querySelector('.toolbar')!.getBoundingClientRect().bottom,
              height: window.innerHeight,
            };
          });
          expect(place.top).toBeGreaterThanOrEqual(place.toolbar);
          expect(place.bottom).toBeLessThanOrEqual(place.height);
          if (size.width === 1024) await page.screenshot({ path: screenshotPath('review-queue-1024.png') });
        } finally {
          await context.close();
        }
      });
    }

    it('while the next range is on its way, the last range’s figures are dimmed and marked busy', async () => {
      const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: SIZES[0]! });
      try {
        await page.getByTestId('lane').first().waitFor();
        const totals = page.getByTestId('range-totals');
        expect(await totals.getAttribute('aria-busy')).toBeNull();
        // The next week's timeline is held back until the test lets it through.
        let release = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route('**/api/timeline', async (route) => {
          await held;
          await route.continue();
        });
        // The next week was fetched ahead (a neighbour); the one after is not.
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.getByTestId('range-title').textContent()).toBe('23 Feb – 1 Mar 2026');
        await expect.poll(() => totals.getAttribute('aria-busy')).toBe('true');
        expect(await totals.getAttribute('class')).toContain('loading');
        release();
        await expect.poll(() => totals.getAttribute('aria-busy')).toBeNull();
      } finally {
        await context.close();
      }
    });

    it('five confirms are one toast ("5 confirmed"), clear of the row under review; Redo is a button and Ctrl+Shift+Z', async () => {
      const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: SIZES[1]! });
      try {
        await page.getByTestId('stream-row').first().waitFor();
        await page.keyboard.press('r');
        await expect.poll(() => focusedRow(page)).not.toBeNull();
        for (let n = 1; n <= 5; n++) {
          await page.keyboard.press('c');
          await expect
            .poll(() => page.getByTestId('toasts').textContent())
            .toMatch(n === 1 ? /Confirmed "/ : new RegExp(`${n} confirmed`));
        }
        expect(await page.getByTestId('toast').count()).toBe(1);
        await expect.poll(() => focusedRow(page)).not.toBeNull();
        const overlap = await page.evaluate(() => {
          const row = document.activeElement!.closest('[data-testid="stream-row"]')!.getBoundingClientRect();
          const toasts = document.querySelector('[data-testid="toasts"]')!.getBoundingClientRect();
          return (
            row.bottom > toasts.top &&
            row.top < toasts.bottom &&
            row.right > toasts.left &&
            row.left < toasts.right
          );
        });
        expect(overlap).toBe(false);
        await page.screenshot({ path: screenshotPath('review-five-confirms-1024.png') });

        // Undo takes the fifth back; Redo (the button says which edit) and Ctrl+Shift+Z apply it again.
        await page.getByTestId('undo').click();
        await expect.poll(() => page.getByTestId('toasts').textContent()).toMatch(/Undone: Confirmed/);
        const redo = page.getByTestId('redo');
        await expect.poll(() => redo.isEnabled()).toBe(true);
        expect(await redo.getAttribute('aria-label')).toMatch(/^Redo: Confirmed "/);
        await page.keyboard.press('Control+Shift+Z');
        await expect.poll(() => page.getByTestId('toasts').textContent()).toMatch(/Redone: Confirmed/);
        await expect.poll(() => redo.isEnabled()).toBe(false);
      } finally {
        await context.close();
      }
    });

    it('keyboard review: e selects the name, arrows move between sessions after s, letters stay with a selection, n says when nothing is ticked', async () => {
      const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: SIZES[0]! });
      try {
        const row = page.locator('[data-testid="stream-row"][data-stream-name="project-001"]');
        await row.locator('.stream-name').focus();
        await page.keyboard.press('e');
        const input = page.locator('.rename-input');
        await input.waitFor();
        expect(
          await input.evaluate((el: HTMLInputElement) => [
            el.selectionStart,
            el.selectionEnd,
            el.value.length,
          ]),
        ).toEqual([0, 'project-001'.length, 'project-001'.length]);
        await page.keyboard.press('Escape');
        await input.waitFor({ state: 'detached' });

        // n with nothing ticked says so.
        await page.keyboard.press('n');
        await expect.poll(() => page.getByTestId('toasts').textContent()).toMatch(/No sessions selected/);

        // s: the first session's checkbox; ↓ goes to the next session, not down the page.
        await row.locator('.stream-name').focus();
        await page.keyboard.press('s');
        const checks = page.getByTestId('session-check');
        await expect.poll(() => checks.first().evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await checks.count()).toBe(2);
        const scrolled = await page.evaluate(() => window.scrollY);
        await page.keyboard.press('ArrowDown');
        expect(await checks.nth(1).evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
        await page.keyboard.press('Space');
        await page.getByTestId('split-bar').waitFor();

        // With a session ticked, t, e and j do nothing to the page.
        const title = await page.getByTestId('range-title').textContent();
        for (const key of ['t', 'e', 'j', 'ArrowLeft']) await page.keyboard.press(key);
        expect(await page.getByTestId('range-title').textContent()).toBe(title);
        expect(await page.locator('.rename-input').count()).toBe(0);
        expect(await checks.nth(1).evaluate((el) => el === document.activeElement)).toBe(true);
        // Escape lets go of the selection.
        await page.keyboard.press('Escape');
        await page.getByTestId('split-bar').waitFor({ state: 'detached' });
      } finally {
        await context.close();
      }
    });

    it('Index now with nothing in Settings’ folders offers the folder given to --root; Settings warns of a missing folder', async () => {
      const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: SIZES[0]! });
      try {
        await page.getByTestId('stream-row').first().waitFor();
        await page.getByRole('button', { name: 'Index now' }).click();
        const offer = page.getByTestId('toast').filter({ hasText: 'tt sessions index --root' });
        await offer.waitFor();
        expect(await offer.textContent()).toContain(`${scratch.path}/projects`);
        await offer.getByRole('button', { name: 'Add to Settings' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Added to Settings' }).waitFor();
        const settings = await callApi<{ projectRoots: string[] }>(page, 'getSettings');
        expect(settings.projectRoots).toContain(`${scratch.path}/projects`);

        // A folder that does not exist is saved (it may be a drive not mounted yet) but said.
        await page.getByRole('button', { name: 'Settings' }).click();
        const roots = page.locator('#settings-roots');
        await roots.fill(`${await roots.inputValue()}\n${scratch.path}/no-such-folder`);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect
          .poll(() => page.getByTestId('toasts').textContent())
          .toMatch(/projects folders? do(es)? not exist/);
        await page.getByRole('button', { name: 'Settings' }).click();
        expect(await page.getByTestId('missing-roots').textContent()).toContain(
          `${scratch.path}/no-such-folder`,
        );
      } finally {
        await context.close();
      }
    });

    // Last: it stops the dashboard and starts it again.
    it('while tt is stopped, a confirm is refused, not shown as done; its toast goes on reconnecting', async () => {
      const { context, page } = await newAppPage(browser, dashboard, WEEK, { viewport: SIZES[1]! });
      try {
        await page.getByTestId('stream-row').first().waitFor();
        await page.keyboard.press('r');
        await expect.poll(() => focusedRow(page)).not.toBeNull();
        const name = (await focusedRow(page))!;
        const counter = await page.getByTestId('review-counter').textContent();
        await dashboard.stop();
        await page.getByTestId('connection-banner').waitFor();

        // The button is off and says why; the key is refused in words.
        const confirm = page.getByRole('button', { name: `Confirm ${name}`, exact: true });
        expect(await confirm.isDisabled()).toBe(true);
        expect(await confirm.getAttribute('title')).toMatch(/tt is not running/);
        await page.locator(`[data-testid="stream-row"][data-stream-name="${name}"] .stream-name`).focus();
        await page.keyboard.press('c');
        await expect.poll(() => page.getByTestId('toasts').textContent()).toMatch(/Not saved/);
        expect(await page.getByTestId('toasts').textContent()).not.toMatch(/Confirmed/);
        expect(await page.getByTestId('review-counter').textContent()).toBe(counter);
        const row = page.locator(`[data-testid="stream-row"][data-stream-name="${name}"]`);
        expect(await row.getByTestId('badge').textContent()).not.toMatch(/Reviewed/);
        await page.screenshot({ path: screenshotPath('offline-confirm-1024.png') });
        // Any call that found tt gone says so once, and that toast too goes on reconnecting.
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.getByTestId('toasts').textContent()).toMatch(/tt is not answering/);
        await page.keyboard.press('Escape');

        dashboard = await startDashboard(dataDir, env, port);
        await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 20_000 });
        // The toast about the lost connection goes with it; nothing was written.
        await expect
          .poll(() => page.getByTestId('toasts').textContent())
          .not.toMatch(/Not saved|tt is not answering/);
        const streams = await callApi<StreamSummary[]>(page, 'listStreams');
        expect(streams.find((s) => s.name === name)?.reviewed).toBe(false);
        expect(streams.some((s) => s.name === MARATHON_PROJECT)).toBe(true);
      } finally {
        await context.close();
      }
    });
  },
);
