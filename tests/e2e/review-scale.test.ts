import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StreamSummary } from '../../src/shared/api';
import {
  FakeAnthropic,
  sessionIdsInPrompt,
  streamsReply,
  type StreamAnswer,
} from '../helpers/fake-anthropic';
import { runTt } from '../helpers/cli';
import { writePromptTranscript } from '../helpers/prompt-transcripts';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  TEST_TZ,
  callApi,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type RunningDashboard,
} from './harness';
import { scrolledIntoSight } from './scrolled-into-sight';

// Review at a heavy user's scale: 13 weeks of transcripts (9 sessions a day, written as files
// and indexed by `tt sessions index`), grouped by Claude (a fake Messages API) into 500+
// streams of one or two sessions, reviewed a week at a time with the keyboard alone.
const HOUR = 3_600_000;
/** Form options that list streams: any <option> but the project filter's few projects. */
const STREAM_SELECT_OPTIONS = 'select:not(.project-filter) option';
const DAY = 24 * HOUR;
const FIRST_DAY = Date.UTC(2025, 10, 17); // a Monday, 12 weeks before the week in view
const WEEK = Date.UTC(2026, 1, 9); // the Monday of the week in view
const DAYS = 91;
const PER_DAY = 9;
const RANGE = [
  '--start',
  new Date(FIRST_DAY).toISOString(),
  '--end',
  new Date(FIRST_DAY + DAYS * DAY).toISOString(),
];

const sessionId = (n: number) => `s${String(n).padStart(4, '0')}-0000-4000-8000-000000000000`;
const numberOf = (id: string) => Number(id.slice(1, 5));
const title = (n: number) => `Topic ${n}: tidy the ${['parser', 'importer', 'report', 'timeline'][n % 4]}`;

/** Claude's answer for a window: its sessions two by two, then one alone, with varied confidence. */
function groupWindow(prompt: string): StreamAnswer[] {
  const ids = sessionIdsInPrompt(prompt).sort();
  const streams: StreamAnswer[] = [];
  for (let i = 0; i < ids.length;) {
    // Sessions written later (not s0000-…) are numbered after the others.
    const n = Number.isNaN(numberOf(ids[i]!)) ? 10_000 + i : numberOf(ids[i]!);
    const size = n % 3 === 0 ? 2 : 1;
    const group = ids.slice(i, i + size);
    streams.push({
      id: `w-${n}`,
      name: `Work ${n} done`,
      session_ids: group,
      confidence: 0.2 + ((n * 37) % 76) / 100,
    });
    i += size;
  }
  return streams;
}

describe.skipIf(!RENDERER_BUILT)(
  `review at scale: 500+ streams, a week at a time, by keyboard${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  { timeout: 300_000 },
  () => {
    const scratch = scratchDir();
    const fake = new FakeAnthropic();
    const env = { ANTHROPIC_API_KEY: 'sk-ant-fake-for-tests', ANTHROPIC_BASE_URL: '' };
    const tt = (...args: string[]) =>
      runTt(['--data-dir', scratch.path, ...args], { env: { TZ: TEST_TZ, ...env } });
    const week = { start: WEEK, end: WEEK + 7 * DAY };
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    /** The stream picker's options (the project filter has options too). */
    const pickerOptions = () => page.getByRole('listbox', { name: 'Streams' }).getByRole('option');

    const rows = () => page.getByTestId('stream-row');
    /** Every row of the list, in order, as scrolling the page through it shows them. */
    const listedIds = () =>
      scrolledIntoSight(page, {
        scroller: null,
        item: '[data-testid="stream-row"]',
        attribute: 'data-stream-id',
      });
    const focusedRow = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-testid="stream-row"]')?.getAttribute('data-stream-id'),
      );
    /** The focused row is on screen, below the sticky toolbar. */
    const focusedRowInSight = () =>
      page.evaluate(() => {
        const box = document.activeElement!.getBoundingClientRect();
        const toolbar = document.querySelector('.toolbar')!.getBoundingClientRect();
        return box.top >= toolbar.bottom && box.bottom <= innerHeight;
      });
    const weekStreams = async () =>
      (await callApi<StreamSummary[]>(page, 'listStreams', week)).filter(
        (s) => s.directMs > 0 || s.delegatedMs > 0,
      );

    const root = `${scratch.path}/claude/projects`;
    /** Streams (with their totals in the week) holding the late project's sessions. */
    let lateStream: StreamSummary | undefined;

    beforeAll(async () => {
      for (let n = 0; n < DAYS * PER_DAY; n++) {
        const day = FIRST_DAY + Math.floor(n / PER_DAY) * DAY;
        const start = day + (8 + (n % PER_DAY)) * HOUR;
        writePromptTranscript(root, {
          sessionId: sessionId(n),
          cwd: `/home/dev/work/proj-${n % 25}`,
          prompts: [
            { at: start, text: title(n), workMs: 12 * 60_000 },
            { at: start + 20 * 60_000, text: `and now the tests of topic ${n}`, workMs: 8 * 60_000 },
          ],
        });
      }
      const index = await tt('sessions', 'index', '--root', root);
      expect(index.exitCode, index.stderr).toBe(0);
      await fake.start();
      env.ANTHROPIC_BASE_URL = fake.baseURL;
      fake.fallback = (request) => streamsReply(groupWindow(request.prompt));
      const inferred = await tt('infer', '--llm', ...RANGE);
      expect(inferred.exitCode, inferred.stderr).toBe(0);
      dashboard = await startDashboard(scratch.path, env);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-11&review=1'));
      await rows().first().waitFor();
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      await fake.close();
      scratch.remove();
    });

    it('lists only the week’s streams to review, and holds no <select> of streams', async () => {
      const all = await callApi<StreamSummary[]>(page, 'listStreams');
      expect(all.length).toBeGreaterThanOrEqual(500);
      const inWeek = await weekStreams();
      expect(inWeek.length).toBeGreaterThan(30);
      expect(inWeek.length).toBeLessThan(all.length / 5);
      await expect.poll(async () => (await listedIds()).length).toBe(inWeek.length);
      const shown = await listedIds();
      expect(new Set(shown)).toEqual(new Set(inWeek.map((s) => s.id)));
      // Least confident first.
      const confidence = new Map(inWeek.map((s) => [s.id, s.confidence]));
      const order = shown.map((id) => confidence.get(id!)!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(await page.getByTestId('review-counter').textContent()).toContain(
        `${inWeek.length} of ${inWeek.length} to review`,
      );
      // No <select> of streams; the project filter lists the range's few projects.
      expect(await page.locator(`select:not(.project-filter), ${STREAM_SELECT_OPTIONS}`).count()).toBe(0);
      await page.screenshot({ path: screenshotPath('review-scale.png'), fullPage: false });
    });

    it('j/k move through the queue; c confirms, and focus lands on the next stream with no scroll jump', async () => {
      const ids = await listedIds();
      await page.keyboard.press('j');
      expect(await focusedRow()).toBe(ids[1]);
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('k');
      expect(await focusedRow()).toBe(ids[2]);
      // Scrolled down, so that a jump would show.
      await page.evaluate(() => window.scrollTo(0, 400));
      const y = await page.evaluate(() => window.scrollY);
      await page.keyboard.press('c');
      await expect.poll(focusedRow).toBe(ids[3]);
      expect(await page.evaluate(() => window.scrollY)).toBe(y);
      await expect.poll(() => listedIds()).toEqual(ids.filter((id) => id !== ids[2]));
      expect(await page.getByTestId('review-counter').textContent()).toContain(
        `${ids.length - 1} of ${ids.length} to review`,
      );
      expect((await weekStreams()).find((s) => s.id === ids[2])!.reviewed).toBe(true);
    });

    it('e renames and m merges through the picker with a typed filter', async () => {
      const id = (await focusedRow())!;
      await page.keyboard.press('e');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('Renamed by keyboard');
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="stream-row"][data-stream-name="Renamed by keyboard"]`).waitFor();
      await expect.poll(focusedRow).toBe(id);

      // Into a stream from weeks ago: typing finds it among 500.
      const all = await callApi<StreamSummary[]>(page, 'listStreams');
      const named = new Map<string, number>();
      for (const s of all) named.set(s.name, (named.get(s.name) ?? 0) + 1);
      const target = all.find((s) => s.lastActivity! < week.start && named.get(s.name) === 1)!;
      await page.keyboard.press('m');
      const picker = page.getByRole('combobox', { name: /^Merge "Renamed by keyboard" into/ });
      await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await pickerOptions().count()).toBeLessThanOrEqual(50);
      await page.keyboard.type(target.name.toLowerCase());
      await expect.poll(() => pickerOptions().allTextContents()).toEqual([target.name]);
      expect(await page.locator(STREAM_SELECT_OPTIONS).count()).toBe(0);
      await page.screenshot({ path: screenshotPath('review-picker-filtering.png') });
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await weekStreams()).some((s) => s.id === id)).toBe(false);
      const merged = (await callApi<StreamSummary[]>(page, 'listStreams')).find((s) => s.id === target.id)!;
      expect(merged.sessionIds.length).toBeGreaterThan(target.sessionIds.length);

      // Its details hold the week's sessions (those it took in), and widen on request.
      const targetRow = page.locator(`[data-testid="stream-row"][data-stream-id="${target.id}"]`);
      await targetRow.getByRole('button', { name: target.name, exact: true }).click();
      const detail = page.getByTestId('stream-detail');
      const showAll = detail.getByTestId('show-all-sessions');
      await showAll.waitFor();
      const inWeek = merged.sessionIds.length - target.sessionIds.length;
      expect(await detail.getByTestId('session').count()).toBe(inWeek);
      expect(await showAll.textContent()).toBe(`Show all ${merged.sessionIds.length} sessions`);
      await showAll.click();
      await expect.poll(() => detail.getByTestId('session').count()).toBe(merged.sessionIds.length);
      expect(await detail.locator('.session-path code').first().textContent()).toMatch(/\.jsonl$/);
      await page.getByRole('button', { name: 'Close stream details' }).click();
    });

    it('assigns a project’s unassigned time to a new stream from the Unassigned list', async () => {
      // Two sessions written after inference ran: indexed, but in no stream.
      for (const n of [0, 1]) {
        const at = WEEK + 2 * DAY + (20 + n) * HOUR;
        writePromptTranscript(root, {
          sessionId: `late-${n}-0000-4000-8000-000000000000`,
          cwd: '/home/dev/work/late-project',
          prompts: [{ at, text: `late topic ${n}`, workMs: 15 * 60_000 }],
        });
      }
      expect((await tt('sessions', 'index', '--root', root)).exitCode).toBe(0);
      const group = page.locator('[data-testid="unassigned-group"][data-project="late-project"]');
      await group.waitFor();
      expect(await group.textContent()).toContain('2 sessions');
      await group.getByRole('button', { name: /^Assign late-project/ }).click();
      await page.keyboard.type('Late work');
      await expect.poll(() => pickerOptions().allTextContents()).toEqual(['New stream "Late work"']);
      await page.keyboard.press('Enter');
      await expect.poll(() => group.count()).toBe(0);
      lateStream = (await callApi<StreamSummary[]>(page, 'listStreams', week)).find(
        (s) => s.name === 'Late work',
      );
      expect(lateStream!.sessionIds).toHaveLength(2);
      expect(lateStream!.delegatedMs).toBe(30 * 60_000);
    });

    it('s and n split a stream; u undoes and Shift+U redoes it, with the right totals, through a re-run of inference', async () => {
      const before = await weekStreams();
      const pair = before.find((s) => !s.reviewed && s.sessionIds.length === 2)!;
      // Walk to it with j alone.
      const first = (await listedIds())[0];
      await page.keyboard.press('k');
      for (let i = 0; i < 80 && (await focusedRow()) !== first; i++) await page.keyboard.press('k');
      await expect.poll(focusedRowInSight).toBe(true);
      for (let i = 0; i < 80 && (await focusedRow()) !== pair.id; i++) await page.keyboard.press('j');
      expect(await focusedRow()).toBe(pair.id);
      // However far down the list it is, the page scrolled to keep the focused row in sight.
      await expect.poll(focusedRowInSight).toBe(true);

      await page.keyboard.press('s');
      const detail = page.getByTestId('stream-detail');
      await detail.getByTestId('session').nth(1).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('session-check');
      await page.keyboard.press('Space');
      const moved = (await detail.getByTestId('session').first().getAttribute('data-session-id'))!;
      await page.screenshot({ path: screenshotPath('review-session-details.png') });
      await page.keyboard.press('n');

      const splitName = title(numberOf(moved));
      const afterSplit = async () => {
        const now = await weekStreams();
        return { original: now.find((s) => s.id === pair.id), made: now.find((s) => s.name === splitName) };
      };
      await expect.poll(async () => (await afterSplit()).made?.sessionIds).toEqual([moved]);
      const split = await afterSplit();
      // The two streams add up to what the one had.
      expect(split.original!.directMs + split.made!.directMs).toBe(pair.directMs);
      expect(split.original!.delegatedMs + split.made!.delegatedMs).toBe(pair.delegatedMs);
      expect(split.made!.delegatedMs).toBeGreaterThan(0);
      const row = page.locator(`[data-testid="stream-row"][data-stream-id="${pair.id}"]`);
      await expect
        .poll(() => row.getByTestId('delegated-total').getAttribute('data-ms'))
        .toBe(String(split.original!.delegatedMs));

      await page.keyboard.press('u');
      await expect.poll(async () => (await afterSplit()).made).toBeUndefined();
      await expect
        .poll(() => row.getByTestId('delegated-total').getAttribute('data-ms'))
        .toBe(String(pair.delegatedMs));

      await page.keyboard.press('Shift+U');
      await expect.poll(async () => (await afterSplit()).made?.sessionIds).toEqual([moved]);
      await expect
        .poll(() => row.getByTestId('delegated-total').getAttribute('data-ms'))
        .toBe(String(split.original!.delegatedMs));

      // Claude again, over every window: the person's split stands, and so do the totals.
      const again = await tt('infer', '--llm', ...RANGE);
      expect(again.exitCode, again.stderr).toBe(0);
      const after = await afterSplit();
      expect(after.made!.sessionIds).toEqual([moved]);
      expect(after.made!.delegatedMs).toBe(split.made!.delegatedMs);
      expect(after.original!.delegatedMs).toBe(split.original!.delegatedMs);
      const late = (await weekStreams()).find((s) => s.id === lateStream!.id)!;
      expect(late.sessionIds).toEqual(lateStream!.sessionIds);
      expect(late.delegatedMs).toBe(lateStream!.delegatedMs);
    });
  },
);
