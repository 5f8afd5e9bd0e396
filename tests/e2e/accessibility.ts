// axe-core (Deque's accessibility rules) run in the page, and the views it is run on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What a person reads on one violation: the rule, why it matters, and where. */
export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * The serious and critical violations axe-core finds on the page as it is now. The page must
 * come from a context with `bypassCSP` (see harness.ts `newAppPage`): the app's CSP refuses
 * injected scripts.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }
    ).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact!,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
      }));
  });
}

/** A view of the app, reached from the week of the fixture data: how to get there, and what says it is there. */
export interface AppView {
  name: string;
  /** The URL hash to open (view, day, …). */
  hash: string;
  /** What to do once there (open a dialog, a stream), and wait for: the view is ready when it returns. */
  open(page: Page): Promise<void>;
}

/**
 * Every view the accessibility test checks. A new view is one more entry here (the Insights
 * view: its hash and what says it is drawn).
 */
export const APP_VIEWS: AppView[] = [
  {
    name: 'day',
    hash: '#view=day&day=2026-02-12',
    open: (page) => page.getByTestId('lane').first().waitFor(),
  },
  {
    name: 'week',
    hash: '#view=week&day=2026-02-12',
    open: (page) => page.getByTestId('day-head').first().waitFor(),
  },
  {
    name: 'review with a stream open',
    hash: '#view=week&day=2026-02-12&review=1',
    open: async (page) => {
      await page.getByTestId('stream-row').first().waitFor();
      await page.getByTestId('stream-row').first().locator('.stream-name').click();
      await page.getByTestId('session').first().waitFor();
    },
  },
  {
    name: 'settings',
    hash: '#view=week&day=2026-02-12',
    open: async (page) => {
      await page.getByTestId('lane').first().waitFor();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.locator('dialog.settings[open]').waitFor();
    },
  },
  {
    name: 'insights',
    hash: '#view=range&day=2026-02-09&until=2026-02-15&page=insights',
    open: async (page) => {
      await page.getByTestId('insights-projects').waitFor();
      await page.getByTestId('calendar').waitFor();
    },
  },
  {
    name: 'timesheet',
    hash: '#view=range&day=2026-02-09&until=2026-02-15&page=timesheet',
    open: (page) => page.getByTestId('timesheet-table').waitFor(),
  },
  {
    name: 'add time',
    hash: '#view=day&day=2026-02-12',
    open: async (page) => {
      await page.getByTestId('lane').first().waitFor();
      await page.getByTestId('add-time').click();
      await page.getByTestId('manual-form').waitFor();
    },
  },
];
