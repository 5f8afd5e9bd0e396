import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Report, SessionSummary, StreamSummary, TimelineData } from '../../src/shared/api';
import { runTt } from '../helpers/cli';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  TEST_TZ,
  buildFixtureDatabase,
  callApi,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type FixtureDatabase,
  type RunningDashboard,
} from './harness';

// The fixture transcripts span 10–12 February 2026 (UTC); the browser and tt run in UTC.
const DAY = '#view=day&day=2026-02-12';
const DAY_RANGE = { start: Date.UTC(2026, 1, 12), end: Date.UTC(2026, 1, 13) };
const WEEK_RANGE = { start: Date.UTC(2026, 1, 9), end: Date.UTC(2026, 1, 16) };

describe.skipIf(!RENDERER_BUILT)(
  `tt dashboard in Chromium, over the real fixture transcripts${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let db: FixtureDatabase;
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      db = await buildFixtureDatabase(scratch.path);
      dashboard = await startDashboard(scratch.path);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, DAY));
    });

    afterAll(async () => {
      await browser?.close();
      const code = await dashboard?.stop();
      scratch.remove();
      expect(code).toBe(0);
    });

    type Part = 'index' | 'events' | 'infer';
    const needs = (ctx: { skip: (note?: string) => void }, ...parts: Part[]) => {
      if (parts.some((p) => !db[p].ok)) ctx.skip(`not landed yet: ${db.missing.join('; ')}`);
    };
    const tt = (...args: string[]) => runTt(['--data-dir', scratch.path, ...args], { env: { TZ: TEST_TZ } });
    const rows = () => page.getByTestId('stream-row');
    const rowNames = () => rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name')));
    const row = (name: string) => page.locator(`[data-testid="stream-row"][data-stream-name="${name}"]`);
    const streamsFromCli = async (): Promise<{ id: string; name: string; reviewed: boolean }[]> => {
      const result = await tt('streams', 'list', '--json');
      expect(result.exitCode, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout) as { streams?: unknown[] } | unknown[];
      return (Array.isArray(parsed) ? parsed : (parsed.streams ?? [])) as {
        id: string;
        name: string;
        reviewed: boolean;
      }[];
    };
    it('runs under the strict CSP: no inline script or style is refused anywhere', async () => {
      // Its own page, so the shared one keeps the view the other tests expect.
      const own = await newAppPage(browser, dashboard);
      // Installed before any of the app's code runs, on every load of the page.
      await own.context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      try {
        await own.page.goto(`${dashboard.origin}/${DAY}`);
        await own.page.reload();
        await own.page.getByTestId('stream-row').first().waitFor();
        await own.page.keyboard.press('w');
        await own.page.keyboard.press('r');
        await own.page.getByTestId('stream-row').first().click();
        await own.page.keyboard.press('r');
        await own.page.keyboard.press('d');
        await own.page.waitForTimeout(300);
        const violations = await own.page.evaluate(
          () => (window as unknown as { cspViolations: string[] }).cspViolations,
        );
        expect(violations).toEqual([]);
      } finally {
        await own.context.close();
      }
    });

    /** The range the page shows (its hash; the tests run in UTC): the view's day or Monday-based week. */
    const rangeOnScreen = () =>
      page.evaluate(() => {
        const params = new URLSearchParams(location.hash.slice(1));
        const [y, m, d] = params.get('day')!.split('-').map(Number) as [number, number, number];
        const day = Date.UTC(y, m - 1, d);
        if (params.get('view') !== 'week') return { start: day, end: day + 864e5 };
        const start = day - ((new Date(day).getUTCDay() + 6) % 7) * 864e5;
        return { start, end: start + 7 * 864e5 };
      });

    const reload = async () => {
      await page.reload();
      await rows().first().waitFor();
    };

    it('refuses a request without the token, and lets the printed URL in', async () => {
      const bare = await fetch(`${dashboard.origin}/`);
      expect(bare.status).toBe(401);
      expect(await bare.text()).toContain('token');
      const api = await fetch(`${dashboard.origin}/api/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[]',
      });
      expect(api.status).toBe(401);
      expect((await fetch(`${dashboard.origin}/api/events`)).status).toBe(401);
      // The browser that opened the printed URL holds the cookie, and its address bar is clean.
      expect(page.url()).not.toContain('token=');
      expect(await page.getByTestId('range-title').textContent()).toBe('Thursday 12 February 2026');
      // Its tab has tt's icon (not a 404 in the console).
      const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=icon]')?.href);
      expect((await page.request.get(icon!)).headers()['content-type']).toBe('image/svg+xml');
    });

    it('shows the day: one lane per stream, in attention order, with the totals tt report gives', async (ctx) => {
      needs(ctx, 'index', 'infer');
      await rows().first().waitFor();
      const timeline = await callApi<TimelineData>(page, 'timeline', DAY_RANGE);
      expect(timeline.lanes.length).toBeGreaterThan(0);
      const laneNames = await page
        .getByTestId('lane')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name')));
      expect(laneNames).toEqual(timeline.lanes.map((l) => l.name));

      // The numbers on screen are the allocation's, as the command line reports them.
      const report = await tt('report', '--day', '2026-02-12', '--json');
      expect(report.exitCode, report.stderr).toBe(0);
      const reported = (JSON.parse(report.stdout) as Report).rows.filter((r) => r.key !== '');
      expect(await rows().count()).toBe(reported.filter((r) => r.directMs > 0 || r.delegatedMs > 0).length);
      for (const expected of reported) {
        const shown = row(expected.name);
        expect(Number(await shown.getByTestId('direct-total').getAttribute('data-ms')), expected.name).toBe(
          expected.directMs,
        );
        expect(
          Number(await shown.getByTestId('delegated-total').getAttribute('data-ms')),
          expected.name,
        ).toBe(expected.delegatedMs);
        expect(Number(await shown.getByTestId('waiting-total').getAttribute('data-ms')), expected.name).toBe(
          expected.waitingMs,
        );
        const minutes = Math.round(expected.delegatedMs / 60_000);
        const text =
          minutes >= 60
            ? `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
            : `${minutes}m`;
        expect(await shown.getByTestId('delegated-total').textContent()).toBe(text);
      }
      // Waiting on you is a third, quieter mark, drawn where the allocation says and nowhere else.
      expect(await page.locator('path[data-kind="waiting"]').count()).toBe(timeline.lanes.length);
      expect(await page.getByTestId('total-waiting').textContent()).toBeTruthy();
      // Direct time never exceeds the time anything happened.
      expect(timeline.totals.directMs).toBeLessThanOrEqual(timeline.totals.activeMs);
      await page.screenshot({ path: screenshotPath('day-view.png'), fullPage: true });
    });

    it('hovering a block says what it is', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const lane = page.getByTestId('lane').first();
      const block = lane.locator('path[data-kind="delegated"]');
      const box = (await block.boundingBox())!;
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      const tooltip = page.getByTestId('timeline-tooltip');
      await tooltip.waitFor();
      const text = (await tooltip.textContent())!;
      expect(text).toContain((await lane.getAttribute('data-stream-name'))!);
      expect(text).toMatch(/Delegated \w{3} \d\d:\d\d–\d\d:\d\d · \d/);
      expect(text).toContain('spotter');
      await page.mouse.move(5, 5);
    });

    it('moves by day and week with the keyboard, and zooms to an hour', async (ctx) => {
      needs(ctx, 'index', 'infer');
      await page.keyboard.press('ArrowLeft');
      expect(await page.getByTestId('range-title').textContent()).toBe('Wednesday 11 February 2026');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('w');
      expect(await page.getByTestId('range-title').textContent()).toBe('9–15 February 2026');
      const week = await callApi<TimelineData>(page, 'timeline', WEEK_RANGE);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="lane"]').length === n,
        week.lanes.length,
      );
      await page.screenshot({ path: screenshotPath('week-view.png'), fullPage: true });

      await page.keyboard.press('d');
      for (let i = 0; i < 6; i++) await page.keyboard.press('+');
      expect(await page.getByTestId('zoom-level').textContent()).toBe('1h');
      const scroller = page.getByTestId('timeline-scroll');
      const widths = await scroller.evaluate((el) => ({
        track: el.clientWidth - el.querySelector('.lane-labels')!.getBoundingClientRect().width,
        scroll: el.scrollWidth,
      }));
      // The day is 24 times the visible hour.
      expect(widths.scroll).toBeGreaterThan(widths.track * 23);
      // The hour on screen has activity in it, not empty time beside it.
      const visibleBlocks = await scroller.evaluate((el) => {
        const from = el.scrollLeft;
        const labels = el.querySelector('.lane-labels')!.getBoundingClientRect().width;
        const to = from + el.clientWidth - labels;
        return [...el.querySelectorAll('path[data-kind="direct"], path[data-kind="delegated"]')]
          .flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M([\d.]+) [\d.]+h([\d.]+)/g)])
          .filter((m) => Number(m[1]) < to && Number(m[1]) + Number(m[2]) > from).length;
      });
      expect(visibleBlocks).toBeGreaterThan(0);
      // Zoomed in, a keyboard user scrolls the timeline with the arrow keys; the day stays.
      await scroller.focus();
      const before = await scroller.evaluate((el) => el.scrollLeft);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
      expect(await page.getByTestId('range-title').textContent()).toBe('Thursday 12 February 2026');
      await scroller.blur();
      for (let i = 0; i < 6; i++) await page.keyboard.press('-');
      expect(await page.getByTestId('zoom-level').textContent()).toBe('1d');
    });

    it('renames inline: Escape cancels, Enter saves, and it persists after a reload', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const [first] = await rowNames();
      // By keyboard alone: focus the button, Enter opens the field, typing replaces the name.
      await row(first!)
        .getByRole('button', { name: `Rename ${first}` })
        .focus();
      await page.keyboard.press('Enter');
      await page.getByLabel(`New name for ${first}`).fill('Never saved');
      await page.keyboard.press('Escape');
      expect(await rowNames()).toContain(first);
      // Focus returns to the stream's name, so a keyboard user carries on from there.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(first);

      await row(first!)
        .getByRole('button', { name: `Rename ${first}` })
        .click();
      await page.getByLabel(`New name for ${first}`).fill('Spotter dashboard');
      await page.keyboard.press('Enter');
      await row('Spotter dashboard').waitFor();
      await page.getByTestId('toast').filter({ hasText: 'Spotter dashboard' }).first().waitFor();
      await reload();
      expect(await rowNames()).toContain('Spotter dashboard');
      expect((await streamsFromCli()).map((s) => s.name)).toContain('Spotter dashboard');

      // Clicking elsewhere keeps what was typed, as Enter does.
      const second = (await rowNames()).find((n) => n !== 'Spotter dashboard')!;
      await row(second)
        .getByRole('button', { name: `Rename ${second}` })
        .click();
      await page.getByLabel(`New name for ${second}`).fill(`${second} (kept)`);
      await page.getByTestId('range-title').click();
      await row(`${second} (kept)`).waitFor();
      await page.keyboard.press('Control+z');
      await row(second).waitFor();
    });

    it('confirms a stream: the badge says Reviewed, after a reload too', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const target = row('Spotter dashboard');
      // By keyboard: once confirmed, the button goes, and focus stays on the stream (its name).
      await target.getByRole('button', { name: 'Confirm Spotter dashboard' }).focus();
      await page.keyboard.press('Enter');
      await target.getByTestId('badge').filter({ hasText: 'Reviewed' }).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Spotter dashboard');
      await reload();
      expect(await row('Spotter dashboard').getByTestId('badge').getAttribute('data-level')).toBe('reviewed');
      expect((await streamsFromCli()).find((s) => s.name === 'Spotter dashboard')?.reviewed).toBe(true);
    });

    it('keeps working when the computer has no network: tt is on this machine', async (ctx) => {
      needs(ctx, 'index', 'infer');
      // The browser says it is offline (no Wi-Fi); loopback still works, and so must the page.
      await page.evaluate(() => window.dispatchEvent(new Event('offline')));
      try {
        await row('Spotter dashboard')
          .getByRole('button', { name: 'Spotter dashboard', exact: true })
          .click();
        await page.getByTestId('stream-detail').getByTestId('session').first().waitFor();
        await page.getByRole('button', { name: 'Close stream details' }).click();
      } finally {
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
      }
    });

    it('selecting a stream shows its sessions with their prompts, projects, times and subagents', async (ctx) => {
      needs(ctx, 'index', 'infer');
      await row('Spotter dashboard').getByRole('button', { name: 'Spotter dashboard', exact: true }).click();
      const detail = page.getByTestId('stream-detail');
      await detail.getByTestId('session').first().waitFor();
      const id = (await row('Spotter dashboard').getAttribute('data-stream-id'))!;
      const sessions = await callApi<SessionSummary[]>(page, 'listSessions', { streamId: id });
      const main = sessions.filter((s) => !s.isSubagent);
      expect(await detail.getByTestId('session').count()).toBe(main.length);
      const text = (await detail.textContent())!;
      expect(text).toContain(main[0]!.projectName!);
      expect(text).toContain('subagent');
      // The lane of the selected stream is highlighted too; a screenshot of the whole app for the README.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.mouse.move(700, 460);
      await page.keyboard.press('+');
      await page.screenshot({
        path: screenshotPath('app.png'),
        clip: { x: 0, y: 0, width: 1360, height: 470 },
      });
      await page.keyboard.press('-');
      await page.getByRole('button', { name: 'Close stream details' }).click();
    });

    it('moves a session to another stream, and undo puts it back', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const names = await rowNames();
      const from = names.find((n) => n !== 'Spotter dashboard')!;
      const fromId = (await row(from).getAttribute('data-stream-id'))!;
      const intoId = (await row('Spotter dashboard').getAttribute('data-stream-id'))!;
      await row(from).getByRole('button', { name: from, exact: true }).click();
      const detail = page.getByTestId('stream-detail');
      const session = detail.getByTestId('session').first();
      const sessionId = (await session.getAttribute('data-session-id'))!;
      await session.getByRole('button', { name: /^Move session .* to…$/ }).click();
      // The one picker: typing filters the streams, Enter takes the highlighted one.
      const picker = page.getByRole('combobox', { name: /^Move session/ });
      await picker.fill('spotter dash');
      // …and a move can start a new stream, named by what was typed.
      expect(await page.getByTestId('picker-option').allTextContents()).toEqual([
        'Spotter dashboard',
        'New stream "spotter dash"',
      ]);
      await page.keyboard.press('Enter');
      await page.getByTestId('toast').filter({ hasText: /Moved/i }).first().waitFor();
      await expect.poll(() => detail.locator(`[data-session-id="${sessionId}"]`).count()).toBe(0);
      // The session left (and its stream, now empty, with it): focus goes to the stream it joined.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Spotter dashboard');

      await reload();
      const moved = await callApi<SessionSummary[]>(page, 'listSessions', { streamId: intoId });
      expect(moved.map((s) => s.sessionId)).toContain(sessionId);

      await page.keyboard.press('Control+z');
      await page
        .getByTestId('toast')
        .filter({ hasText: /^Undone/ })
        .first()
        .waitFor();
      const back = await callApi<SessionSummary[]>(page, 'listSessions', { streamId: fromId });
      expect(back.map((s) => s.sessionId)).toContain(sessionId);
      await page.getByRole('button', { name: 'Close stream details' }).click();
    });

    it('merges one stream into another; it persists after a reload, and undo brings it back', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const before = await rowNames();
      const from = before.find((n) => n !== 'Spotter dashboard')!;
      // The page holds no <select> of streams: the merge target comes from the one picker.
      expect(await page.locator('select:not(.project-filter) option').count()).toBe(0);
      await row(from)
        .getByRole('button', { name: `Merge ${from} into…` })
        .click();
      const picker = page.getByRole('combobox', { name: new RegExp(`^Merge "${from}" into`) });
      // A keyboard user looks through the list with the arrow keys: that highlights, it does not merge.
      await page.keyboard.press('ArrowDown');
      expect(await rowNames()).toContain(from);
      await picker.fill('Spotter dash');
      const chosen = page.getByRole('option', { name: 'Spotter dashboard' });
      expect(await chosen.getAttribute('aria-selected')).toBe('true');
      expect(await picker.getAttribute('aria-activedescendant')).toBe(await chosen.getAttribute('id'));
      const merge = page.getByTestId('picker');
      await page.keyboard.press('Enter');
      await expect.poll(() => row(from).count()).toBe(0);
      expect(await merge.count()).toBe(0);
      // Focus lands on the stream it went into, not at the top of the page.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Spotter dashboard');
      await reload();
      expect(await rowNames()).not.toContain(from);
      expect((await streamsFromCli()).map((s) => s.name)).not.toContain(from);

      // The Undo button says what it will undo, the merge made before the reload.
      await page.getByRole('button', { name: `Undo: Merged "${from}" into "Spotter dashboard"` }).click();
      await page
        .getByTestId('toast')
        .filter({ hasText: /^Undone/ })
        .first()
        .waitFor();
      await row(from).waitFor();

      // Two renames: only the newest toast offers Undo (an older one's would revert the newer edit).
      const renamed = `${from} (draft)`;
      await row(from)
        .getByRole('button', { name: `Rename ${from}` })
        .click();
      await page.getByLabel(`New name for ${from}`).fill(renamed);
      await page.keyboard.press('Enter');
      await row(renamed)
        .getByRole('button', { name: `Rename ${renamed}` })
        .click();
      await page.getByLabel(`New name for ${renamed}`).fill(from);
      await page.keyboard.press('Enter');
      const toastSaying = (text: string) => page.getByTestId('toast').filter({ hasText: text });
      await toastSaying(`to "${from}"`).getByRole('button', { name: 'Undo' }).waitFor();
      expect(await toastSaying(`to "${renamed}"`).getByRole('button', { name: 'Undo' }).count()).toBe(0);
    });

    it('review mode lists unreviewed streams first, least confident first', async (ctx) => {
      needs(ctx, 'index', 'infer');
      await page.getByRole('button', { name: 'Review', exact: true }).click();
      await page.getByRole('heading', { name: 'Review streams' }).waitFor();
      const { start, end } = await rangeOnScreen();
      const all = (await callApi<StreamSummary[]>(page, 'listStreams', { start, end })).filter(
        (s) => s.directMs > 0 || s.delegatedMs > 0,
      );
      const reviewed = all.filter((s) => s.reviewed).length;
      // The queue holds the range's unreviewed streams; the reviewed ones fold into "N reviewed".
      await expect.poll(() => rows().count()).toBe(all.length - reviewed);
      expect(await page.getByTestId('review-counter').textContent()).toContain(
        `${all.length - reviewed} of ${all.length} to review`,
      );
      await page
        .getByTestId('reviewed-fold')
        .filter({ hasText: `${reviewed} reviewed` })
        .click();
      await expect.poll(() => rows().count()).toBe(all.length);
      const shown = await rows().evaluateAll((els) =>
        els.map((el) => ({
          id: el.getAttribute('data-stream-id')!,
          level: el.querySelector('[data-testid="badge"]')!.getAttribute('data-level')!,
        })),
      );
      const confidence = new Map(all.map((s) => [s.id, s]));
      const keys = shown.map(
        ({ id }) => [confidence.get(id)!.reviewed ? 1 : 0, confidence.get(id)!.confidence] as const,
      );
      const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(keys).toEqual(sorted);
      expect(shown.at(-1)!.level).toBe('reviewed');
      await page.screenshot({ path: screenshotPath('review-mode-after-edits.png'), fullPage: true });
      await page.getByRole('button', { name: 'Review', exact: true }).click();
    });

    it('exports the range as the rows tt report prints, and finds streams by name', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const { start, end } = await rangeOnScreen();
      const period = ['--from', new Date(start).toISOString(), '--to', new Date(end).toISOString()];
      for (const kind of ['csv', 'json'] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: `Export ${kind.toUpperCase()}` }).click(),
        ]);
        const saved = readFileSync((await download.path())!, 'utf8');
        const printed = await tt('report', `--${kind}`, ...period);
        expect(printed.exitCode, printed.stderr).toBe(0);
        if (kind === 'csv')
          expect(saved).toBe(printed.stdout.endsWith('\r\n') ? printed.stdout : `${printed.stdout}\r\n`);
        else expect(JSON.parse(saved)).toEqual(JSON.parse(printed.stdout));
      }
      const names = (await rowNames()) as string[];
      const search = page.getByRole('searchbox', { name: 'Find streams by name' });
      const needle = names[0]!.slice(0, 6);
      await search.fill(needle.toUpperCase());
      // Every stream named like it, and perhaps others whose sessions or prompts say it.
      await expect
        .poll(rowNames)
        .toEqual(
          expect.arrayContaining(names.filter((n) => n!.toLowerCase().includes(needle.toLowerCase()))),
        );
      await search.fill('no stream is called this');
      await expect.poll(() => rows().count()).toBe(0);
      await search.fill('');
      await expect.poll(rowNames).toEqual(names);
    });

    it('a day without activity offers the way to the last one', async (ctx) => {
      needs(ctx, 'index', 'infer');
      await page.goto(`${dashboard.origin}/#view=day&day=2026-02-20`); // a quiet day after the fixture's
      const empty = page.getByTestId('empty-range');
      await empty.waitFor();
      // The latest session's day (focus recorded today, with no session near it, has a stream
      // too since the app places focus as it imports it, but it is not where work was).
      const sessions = await callApi<SessionSummary[]>(page, 'listSessions');
      const last = new Date(Math.max(...sessions.map((s) => s.endTime ?? s.startTime)));
      await empty.getByRole('button', { name: 'Go to the latest activity' }).click();
      await page.getByTestId('lane').first().waitFor();
      const title = (await page.getByTestId('range-title').textContent())!;
      expect(title).toContain(`${last.getUTCDate()} `);
      expect(title).not.toContain(' 20 February');
    });

    it('shows a rename made by the command line without a reload', async (ctx) => {
      needs(ctx, 'index', 'infer');
      const id = (await row('Spotter dashboard').getAttribute('data-stream-id'))!;
      const result = await tt('streams', 'rename', id, 'Renamed from the terminal');
      expect(result.exitCode, result.stderr).toBe(0);
      await row('Renamed from the terminal').waitFor({ timeout: 10_000 });
    });
  },
);
