import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StreamSummary } from '../../src/shared/api';
import { FakeAnthropic } from '../helpers/fake-anthropic';
import { groupByConfidence } from './confidence-groups';
import { runTt } from '../helpers/cli';
import {
  FIXTURE_ROOT,
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

// Claude (a fake Messages API on 127.0.0.1) groups the fixture sessions into three streams of
// different confidence; the review flow must put the least confident first.
describe.skipIf(!RENDERER_BUILT)(
  `review with Claude’s confidence in tt dashboard${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    const fake = new FakeAnthropic();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    let indexed = false;

    beforeAll(async () => {
      await fake.start();
      fake.fallback = groupByConfidence;
      const index = await runTt(['--data-dir', scratch.path, 'sessions', 'index', '--root', FIXTURE_ROOT], {
        env: { TZ: TEST_TZ },
      });
      indexed = index.exitCode === 0;
      dashboard = await startDashboard(scratch.path, {
        ANTHROPIC_API_KEY: 'sk-ant-fake-for-tests',
        ANTHROPIC_BASE_URL: fake.baseURL,
      });
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=week&day=2026-02-12'));
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      await fake.close();
      scratch.remove();
    });

    it('says in words when Claude refuses the key, and changes nothing', async (ctx) => {
      if (!indexed) ctx.skip('indexing has not landed');
      // One refusal: tt stops asking once the key is refused.
      fake.reply({ kind: 'status', status: 401 });
      // The dashboard has grouped the indexed sessions by project by itself; Claude changes none of it.
      await expect
        .poll(async () => (await callApi<StreamSummary[]>(page, 'listStreams')).length)
        .toBeGreaterThan(0);
      const before = await callApi<StreamSummary[]>(page, 'listStreams');
      await page.getByRole('button', { name: 'Infer with Claude' }).click();
      // The preview comes first; nothing is sent before the person says so.
      await page
        .getByTestId('llm-preview')
        .getByRole('button', { name: /^Send \d+ requests?$/ })
        .click();
      const toast = page.getByTestId('toast').filter({ hasText: 'No usable Anthropic API key' }).first();
      await toast.waitFor({ timeout: 20_000 });
      const text = (await toast.textContent())!;
      expect(text).toContain('Nothing was changed');
      expect(text).toContain('ANTHROPIC_API_KEY');
      expect(await callApi<StreamSummary[]>(page, 'listStreams')).toEqual(before);
      await page.getByRole('button', { name: 'Dismiss' }).first().click();
    });

    it('Infer with Claude shows progress, then a summary, and the timeline fills in', async (ctx) => {
      if (!indexed) ctx.skip('indexing has not landed');
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const button = document.querySelector('[data-testid="task-infer-with-claude"]');
          if (button?.textContent) seen.push(button.textContent);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByRole('button', { name: 'Infer with Claude' }).click();
      await page
        .getByTestId('llm-preview')
        .getByRole('button', { name: /^Send \d+ requests?$/ })
        .click();
      const summary = page.getByTestId('toast').filter({ hasText: 'with Claude' }).first();
      await summary.waitFor({ timeout: 20_000 });
      expect(await summary.textContent()).toMatch(/\d+ created/);
      // It says what was kept from Claude: the redactions, by kind.
      expect(await summary.textContent()).toMatch(
        /Sent to Claude: (no secrets found to redact|\d+ secrets? redacted \(\d+ [a-z-]+.*\))/,
      );
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      expect(seen.some((text) => text.startsWith('Asking Claude…'))).toBe(true);
      await page.getByTestId('lane').first().waitFor();
      const streams = await callApi<StreamSummary[]>(page, 'listStreams');
      expect(streams.map((s) => s.source)).toEqual(streams.map(() => 'llm'));
    });

    it('review mode puts the least confident streams first, with badges in words', async (ctx) => {
      if (!indexed) ctx.skip('indexing has not landed');
      await page.keyboard.press('r');
      await page.getByRole('heading', { name: 'Review streams' }).waitFor();
      const streams = await callApi<StreamSummary[]>(page, 'listStreams');
      await expect.poll(() => page.getByTestId('stream-row').count()).toBe(streams.length);
      const shown = await page.getByTestId('stream-row').evaluateAll((els) =>
        els.map((el) => ({
          name: el.getAttribute('data-stream-name'),
          badge: el.querySelector('[data-testid="badge"]')!.textContent,
        })),
      );
      const expected = [...streams].sort((a, b) => a.confidence - b.confidence).map((s) => s.name);
      expect(shown.map((s) => s.name)).toEqual(expected);
      const levels = shown.map((s) => s.badge!.replace(' confidence', ''));
      expect(levels).toEqual(
        [...levels].sort(
          (a, b) => ['Low', 'Medium', 'High'].indexOf(a) - ['Low', 'Medium', 'High'].indexOf(b),
        ),
      );
      expect(levels).toContain('Low');
      await page.screenshot({ path: screenshotPath('review-mode.png'), fullPage: true });
      // Claude's names fit the lane labels on a 1360 px window, not cut to "Probably the se…".
      const cut = await page
        .locator('.lane-name')
        .evaluateAll((els) =>
          els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent),
        );
      expect(cut).toEqual([]);
      // Two streams named alike (Claude's later windows now continue a stream of the same name,
      // so a person does it here): each row says when it was last active, and they differ.
      const triage = streams.find((s) => s.name === 'Spotter issue triage')!;
      await callApi(page, 'renameStream', { id: triage.id, name: 'Probably the search work' });
      const twinHints = page
        .locator('[data-testid="stream-row"][data-stream-name="Probably the search work"]')
        .getByTestId('twin-hint');
      await expect.poll(() => twinHints.count()).toBe(2);
      const twins = await twinHints.allTextContents();
      expect(twins).toHaveLength(2);
      expect(new Set(twins).size).toBe(2);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: screenshotPath('review-mode-dark.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });

      // Confirming the least confident stream takes it out of the queue, into "1 reviewed", and
      // focus goes to the next stream, which takes its place: the page does not move.
      const first = shown[0]!.name!;
      const second = shown[1]!.name!;
      await page.getByRole('button', { name: `Confirm ${first}` }).focus();
      // Where the row under review sits in the window (the page may be barely taller than it).
      const rowTop = () =>
        page.evaluate(
          () => document.activeElement!.closest('[data-testid="stream-row"]')!.getBoundingClientRect().top,
        );
      const y = await rowTop();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('stream-row').count()).toBe(shown.length - 1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(second);
      expect(await rowTop()).toBe(y);
      await page.getByTestId('reviewed-fold').filter({ hasText: '1 reviewed' }).click();
      const last = page.getByTestId('stream-row').last();
      expect(await last.getAttribute('data-stream-name')).toBe(first);
      expect(await last.getByTestId('badge').textContent()).toContain('Reviewed');
    });
  },
);
