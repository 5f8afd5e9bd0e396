import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runTt } from '../helpers/cli';
import { writePromptTranscript } from '../helpers/prompt-transcripts';
import {
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

// Insights (issue 22): four weeks of March 2026 on four projects, indexed and inferred with the
// real CLI. The page's per-project totals are what `tt report --by project` prints, the chart
// has a bar per week, the year's calendar opens a day, and time added in the app reaches the
// report and, through `tt sync`, another data dir.
const MIN = 60_000;
const FIRST = '2026-03-02'; // a Monday
const LAST = '2026-03-29'; // a Sunday: four weeks
const PROJECTS = ['checkout', 'billing', 'search', 'docs'];
const day = (n: number, hour: number) =>
  Date.parse(`2026-03-${String(2 + n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`);

describe.skipIf(!RENDERER_BUILT)(`Insights${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`, () => {
  const scratch = scratchDir();
  let dashboard: RunningDashboard;
  let browser: Browser;
  let page: Page;
  let dataDir = '';
  let env: Record<string, string> = {};
  let folder = '';
  const tt = async (args: string[], dir = dataDir) => {
    const result = await runTt(['--data-dir', dir, ...args], { env });
    expect(result.exitCode, `tt ${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };

  beforeAll(async () => {
    const root = realpathSync(scratch.path);
    folder = join(root, 'Sync');
    mkdirSync(folder);
    const home = join(root, 'home');
    env = { TZ: TEST_TZ, HOME: home };
    dataDir = join(home, 'data');
    let n = 0;
    for (let d = 0; d < 26; d++) {
      PROJECTS.forEach((project, p) => {
        if ((d + p) % 4 === 3 || d % 7 >= 5) return; // weekends off, not every project every day
        writePromptTranscript(join(home, '.claude', 'projects'), {
          sessionId: `${String(n++).padStart(8, '0')}-0000-4000-8000-000000000001`,
          cwd: `/nonexistent/${project}`,
          prompts: [0, 25, 50].map((m) => ({
            at: day(d, 8 + p * 2) + (m + (d % 3) * 4) * MIN,
            text: `${project}: step ${m}`,
            workMs: (8 + p * 3) * MIN,
          })),
        });
      });
    }
    await tt(['sessions', 'index']);
    await tt(['infer', '--since', `${FIRST}T00:00Z`, '--until', '2026-03-30T00:00Z']);
    await tt(['sync', 'name', 'laptop']);
    dashboard = await startDashboard(dataDir, env);
    browser = await launchChromium();
    ({ page } = await newAppPage(browser, dashboard, `#view=range&day=${FIRST}&until=${LAST}&page=insights`));
    await page.getByTestId('insights-projects').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    scratch.remove();
  });

  /** `tt report --by project --json` for Saturday 14 March, from a data dir. */
  const saturday = async (dir = dataDir) =>
    JSON.parse(
      await tt(
        [
          'report',
          '--by',
          'project',
          '--json',
          '--since',
          '2026-03-14T00:00Z',
          '--until',
          '2026-03-15T00:00Z',
        ],
        dir,
      ),
    ) as { rows: { name: string; directMs: number }[]; total: { directMs: number } };

  /** `tt report --by project` as printed: project → its direct column. */
  const reportedDirect = async () => {
    const text = await tt([
      'report',
      '--by',
      'project',
      '--since',
      `${FIRST}T00:00Z`,
      '--until',
      '2026-03-30T00:00Z',
    ]);
    const rows = text.split('\n').map((line) => line.split(/\s{2,}/));
    return Object.fromEntries(rows.filter((r) => PROJECTS.includes(r[0]!)).map((r) => [r[0]!, r[1]!]));
  };
  const shownDirect = async () => {
    const rows = page.getByTestId('insights-projects').locator('tbody tr');
    const names = await rows.locator('th').allTextContents();
    const direct = await rows.locator('[data-testid="direct"]').allTextContents();
    return Object.fromEntries(names.map((name, i) => [name, direct[i]!.trim()]));
  };

  it('shows each project’s total exactly as tt report --by project prints it, and a bar per week', async () => {
    const reported = await reportedDirect();
    expect(Object.keys(reported).sort()).toEqual([...PROJECTS].sort());
    await expect.poll(shownDirect).toEqual(reported);
    const chart = page.getByTestId('insights-chart');
    expect(await chart.getAttribute('data-buckets')).toBe('4');
    // one stacked bar per week and project with time: four weeks × four projects
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBe(16);
    await page.screenshot({ path: screenshotPath('insights.png'), fullPage: true });

    // The project filter narrows every figure on the page.
    await page.getByTestId('insights-project').selectOption('billing');
    await expect.poll(() => page.getByTestId('insights-direct').textContent()).toBe(reported.billing);
    await expect.poll(async () => Object.keys(await shownDirect())).toEqual(['billing']);
    expect(page.url()).toContain('project=billing');
    await page.getByTestId('insights-project').selectOption('');
  });

  it('opens a week on the timeline from its bar, and a day from the year’s calendar', async () => {
    const bars = page.getByTestId('insights-chart').locator('.recharts-bar-rectangle');
    await bars.nth(1).click();
    await expect.poll(() => page.url()).toContain('view=week');
    expect(page.url()).toContain('day=2026-03-09');
    expect(page.url()).not.toContain('page=');
    await page.getByTestId('lane').first().waitFor();

    await page.getByTestId('page-insights').click();
    const cell = page.locator('[data-testid="calendar"] [data-date="2026-03-11"]');
    expect(Number(await cell.getAttribute('data-active-ms'))).toBeGreaterThan(0);
    await cell.click();
    await expect.poll(() => page.url()).toContain('view=day');
    expect(page.url()).toContain('day=2026-03-11');
    await page.getByTestId('lane').first().waitFor();
  });

  it('adds time by hand in the app: the report counts it, and another data dir gets it through tt sync', async () => {
    await page.goto(`${dashboard.origin}/#view=day&day=2026-03-14`);
    const before = await saturday();
    expect(before.total.directMs).toBe(0); // a Saturday: nothing recorded
    await page.getByTestId('add-time').click();
    const form = page.getByTestId('manual-form');
    await form.getByLabel('From').fill('10:00');
    await form.getByLabel('To').fill('11:30');
    await form.getByLabel('Stream').selectOption({ label: 'search' });
    await form.getByLabel('Note').fill('planning call');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.locator('.toast').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('Added 1h 30m by hand to "search"')]));
    const after = await saturday();
    expect(after.rows.find((r) => r.name === 'search')?.directMs).toBe(90 * MIN);
    await expect.poll(() => page.locator('path.manual').count()).toBe(1);

    const other = join(realpathSync(scratch.path), 'desk');
    await tt(['sync', '--folder', folder]);
    await tt(['sync', '--folder', folder], other);
    const entries = JSON.parse(
      await tt(
        ['entries', 'list', '--json', '--since', '2026-03-01T00:00Z', '--until', '2026-04-01T00:00Z'],
        other,
      ),
    ) as { note: string; streamName: string }[];
    expect(entries.map((e) => [e.note, e.streamName])).toEqual([['planning call', 'search']]);
    const elsewhere = await saturday(other);
    expect(elsewhere.rows.find((r) => r.name === 'search')?.directMs).toBe(90 * MIN);
  });
});
