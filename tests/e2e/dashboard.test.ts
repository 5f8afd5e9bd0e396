import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StreamSummary, TimelineData } from '../../src/shared/api';
import { runTt } from '../helpers/cli';
import {
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

// The fixture transcripts span 10–12 February 2026 (UTC).
const DAY = '#view=day&day=2026-02-12';
const WEEK = '#view=week&day=2026-02-12';
const WEEK_RANGE = { start: Date.UTC(2026, 1, 9), end: Date.UTC(2026, 1, 16) };

describe.skipIf(!RENDERER_BUILT)('tt dashboard in Chromium, over the real fixture transcripts', () => {
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

  const needs = (
    ctx: { skip: (note?: string) => void },
    ...steps: (keyof Omit<FixtureDatabase, 'dataDir' | 'missing'>)[]
  ) => {
    const absent = steps.filter((s) => !db[s].ok);
    if (absent.length > 0) ctx.skip(`not landed yet: ${db.missing.join('; ')}`);
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
    const events = await fetch(`${dashboard.origin}/api/events`);
    expect(events.status).toBe(401);
    // The browser that opened the printed URL holds the cookie, and the URL bar is clean.
    expect(page.url()).not.toContain('token=');
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    expect(await page.getByTestId('range-title').textContent()).toBe('Thursday 12 February 2026');
  });

  it('shows the day with one lane per stream and the allocation’s totals', async (ctx) => {
    needs(ctx, 'index');
    await page.getByTestId('lane').first().waitFor();
    const timeline = await callApi<TimelineData>(page, 'timeline', {
      start: Date.UTC(2026, 1, 12),
      end: Date.UTC(2026, 1, 13),
    });
    const lanes = page.getByTestId('lane');
    expect(await lanes.count()).toBe(timeline.lanes.length);
    expect(await lanes.evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name')))).toEqual(
      timeline.lanes.map((l) => l.name),
    );
    await page.screenshot({ path: screenshotPath('day-view.png'), fullPage: true });
  });
});

export { runTt, TEST_TZ, WEEK, WEEK_RANGE };
export type { StreamSummary };
