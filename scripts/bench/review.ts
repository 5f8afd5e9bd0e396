// Review at a heavy user's scale: 1,000 streams over three months, 100 of them active in the
// week on screen, served by the real dashboard server and driven in Chromium by keyboard.
// Times entering review, and a confirm, a rename and a merge until the page shows them; counts
// the form options the page holds at its fullest (the picker open). Needs `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TtService } from '../../src/main/service';
import { startDashboardServer } from '../../src/main/http/dashboard-server';
import { RENDERER, browserSkipReason, launchChromium } from './browser';
import { seedStatements } from './seed-rows';

const MIN = 60_000;
const DAY = 1440 * MIN;
const STREAMS = 1_000;
const ACTIVE_IN_WEEK = 100;
const WEEK_START = Date.UTC(2026, 1, 9); // a Monday
const FIRST_DAY = WEEK_START - 12 * 7 * DAY;

/** Streams of two sessions each: the first 100 work in the week on screen, the rest before it. */
function seed(service: TtService): number {
  const db = service.db;
  const { stream, session, span, prompt, assign } = seedStatements(db);
  let sessions = 0;
  db.transaction(() => {
    for (let s = 0; s < STREAMS; s++) {
      const confidence = 0.2 + ((s * 37) % 76) / 100;
      stream.run(`stream-${s}`, `Topic ${s} of the tracker`, confidence, `project-${s % 40}`);
      const firstDay = s < ACTIVE_IN_WEEK ? WEEK_START + (s % 7) * DAY : FIRST_DAY + (s % (12 * 7)) * DAY;
      for (let k = 0; k < 2; k++) {
        const id = `session-${s}-${k}`;
        const start = firstDay + (8 * 60 + ((s * 13) % 600) + k * 90) * MIN;
        span.run(id, start, start + 25 * MIN);
        prompt.run(id, start);
        prompt.run(id, start + 10 * MIN);
        session.run(id, `project-${s % 40}`, start, start + 25 * MIN, `Work item ${k} of topic ${s}`);
        assign.run(id, `stream-${s}`, confidence);
        sessions++;
      }
    }
  })();
  db.exec('UPDATE streams SET first_activity = 0, last_activity = 0');
  return sessions;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Find (words in every prompt of the range) and one session's details, as the service answers them. */
async function findAndDetails(service: TtService, week: { start: number; end: number }): Promise<void> {
  // Prompts of a few hundred characters, as people write them; the words sought are in one session only.
  service.db.exec(
    `UPDATE session_prompts SET text = 'please look at ' || session_id || ' and tidy the parser, ' || printf('%.300c', 'x')`,
  );
  const quarter = { start: FIRST_DAY, end: WEEK_START + 7 * DAY };
  for (const [label, range] of [
    ['week', week],
    ['13 weeks', quarter],
  ] as const) {
    const t0 = performance.now();
    const found = await service.findStreams({ ...range, text: 'session-42-1 and' });
    console.log(
      `findStreams(${label}, words of one prompt): ${ms(performance.now() - t0)} (${found.streamIds.length} found)`,
    );
  }
  const t1 = performance.now();
  await service.sessionDetails({ sessionId: 'session-3-0', ...week });
  console.log(`sessionDetails(week): ${ms(performance.now() - t1)}`);
}

/**
 * Sends `key` to the focused element from inside the page (no round trip through the
 * browser's remote protocol in the figure), then waits until `done` holds; returns the time.
 */
async function timed(page: Page, key: string, done: string): Promise<number> {
  return page.evaluate(
    ({ key, condition }) =>
      new Promise<number>((resolve) => {
        const holds = new Function(`return (${condition})`) as () => boolean;
        const t0 = performance.now();
        const target = document.activeElement ?? document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        const check = () => {
          if (holds()) resolve(performance.now() - t0);
          else requestAnimationFrame(check);
        };
        check();
      }),
    { key, condition: done },
  );
}

const formOptions = (page: Page) =>
  page.evaluate(() => ({
    options: document.querySelectorAll('option').length,
    roleOptions: document.querySelectorAll('[role="option"]').length,
    controls: document.querySelectorAll('button, input, select').length,
  }));

export async function run(): Promise<void> {
  const skip = browserSkipReason();
  if (skip) {
    console.log(`skipped: ${skip}`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-review-'));
  const service = TtService.open({ dataDir, env: { TZ: 'UTC' } });
  const sessions = seed(service);
  const week = { start: WEEK_START, end: WEEK_START + 7 * DAY };
  const t0 = performance.now();
  const listed = await service.listStreams(week);
  const listMs = performance.now() - t0;
  const active = listed.filter((s) => s.directMs > 0 || s.delegatedMs > 0).length;
  console.log(`data: ${STREAMS} streams, ${sessions} sessions over 13 weeks, ${active} active in the week`);
  console.log(`listStreams(week) with totals: ${ms(listMs)}`);
  await findAndDetails(service, week);

  const server = await startDashboardServer({ api: service, rendererDir: RENDERER, port: 0 });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.goto(`http://127.0.0.1:${server.port}/#view=week&day=2026-02-11`);
    await page.waitForSelector('[data-testid="stream-row"]');
    const rows = '[data-testid="stream-row"]';

    const enter = await timed(
      page,
      'r',
      `document.querySelector('#streams-heading')?.textContent === 'Review streams' && document.querySelectorAll('${rows}').length === ${active}`,
    );
    console.log(`entering review (r to ${active} rows drawn): ${ms(enter)}`);
    const inReview = await formOptions(page);
    // Cold: a new page opened in review on the week, to every row drawn.
    const cold = await context.newPage();
    const coldStart = performance.now();
    await cold.goto(`http://127.0.0.1:${server.port}/#view=week&day=2026-02-11&review=1`);
    await cold.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="stream-row"]').length === n,
      active,
    );
    console.log(
      `opening the app in review (navigation to ${active} rows drawn): ${ms(performance.now() - coldStart)}`,
    );
    await cold.close();

    const confirm = await timed(page, 'c', `document.querySelectorAll('${rows}').length === ${active - 1}`);
    console.log(`confirm reflected (c to the row leaving the queue): ${ms(confirm)}`);

    await page.keyboard.press('e');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Renamed in the bench');
    const rename = await timed(
      page,
      'Enter',
      `document.querySelector('${rows}[data-stream-name="Renamed in the bench"]') !== null`,
    );
    console.log(`rename reflected (Enter to the new name in the list): ${ms(rename)}`);

    await page.keyboard.press('m');
    await page.waitForSelector('[role="combobox"]');
    const pickerOpen = await formOptions(page);
    await page.keyboard.type('topic 999 of');
    await page.waitForFunction(() => document.querySelectorAll('[role="option"]').length === 1);
    const merge = await timed(
      page,
      'Enter',
      `document.querySelector('${rows}[data-stream-name="Renamed in the bench"]') === null`,
    );
    console.log(`merge reflected (Enter in the picker to the row leaving): ${ms(merge)}`);
    console.log(
      `form options: in review ${inReview.options} <option> (${inReview.controls} buttons and fields); ` +
        `picker open: ${pickerOpen.options} <option>, ${pickerOpen.roleOptions} listbox options of ${STREAMS - 1} streams`,
    );
  } finally {
    await browser.close();
    await server.close();
    service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
