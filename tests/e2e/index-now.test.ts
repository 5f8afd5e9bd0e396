import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Settings, StatusReport } from '../../src/shared/api';
import {
  FIXTURE_ROOT,
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  callApi,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type RunningDashboard,
} from './harness';

describe.skipIf(!RENDERER_BUILT)(
  `a new user in tt dashboard: empty state, settings, Index now${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    const claudeConfig = join(scratch.path, 'claude-config');
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(claudeConfig);
      dashboard = await startDashboard(join(scratch.path, 'data'), { CLAUDE_CONFIG_DIR: claudeConfig });
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=day&day=2026-02-12'));
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('says no sessions were found, and where it looked', async () => {
      const empty = page.getByTestId('empty-no-sessions');
      await empty.waitFor();
      expect(await empty.textContent()).toContain(join(claudeConfig, 'projects'));
      // No edit yet: Undo is off, and says why.
      expect(await page.getByTestId('undo').getAttribute('aria-label')).toBe('Undo (nothing to undo)');
      expect(await page.getByTestId('undo').isDisabled()).toBe(true);
      await page.screenshot({ path: screenshotPath('empty-state.png'), fullPage: true });
    });

    it('Index now with nothing to index says so, with the way out', async () => {
      await page.getByTestId('empty-no-sessions').getByRole('button', { name: 'Index now' }).click();
      const toast = page.getByTestId('toast').filter({ hasText: 'Nothing to index' });
      await toast.waitFor();
      expect(await toast.textContent()).toContain('Settings');
    });

    it('a projects folder set in Settings is indexed by Index now, with progress, and the timeline appears', async () => {
      await page.getByRole('button', { name: 'Settings' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByLabel('Claude Code projects folders').fill(FIXTURE_ROOT);
      await dialog.getByLabel('Never send to Claude').fill('client-x\n  ~/private/**  \n');
      await dialog.getByLabel('Away after (minutes without input)').fill('9');
      const syncFolder = join(scratch.path, 'Sync');
      mkdirSync(syncFolder);
      await dialog.getByLabel('Sync folder').fill(syncFolder);
      await dialog.getByLabel("Include my prompts' words").uncheck();
      expect(await dialog.getByTestId('sync-machines').textContent()).toContain('(this machine)');
      // A browser records no away time: the dialog says which source does.
      expect(await dialog.getByTestId('away-source').textContent()).toContain('only the desktop app');
      // The browser has no keychain: the key field explains ANTHROPIC_API_KEY instead.
      expect(await dialog.textContent()).toContain('ANTHROPIC_API_KEY');
      await page.screenshot({ path: screenshotPath('settings.png') });
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('toast').filter({ hasText: 'Settings saved' }).waitFor();
      const saved = await callApi<Settings>(page, 'getSettings');
      expect(saved.llmExclusions).toEqual(['client-x', '~/private/**']);
      expect(saved.awayAfterMinutes).toBe(9);
      expect(saved.syncFolder).toBe(join(scratch.path, 'Sync'));
      expect(saved.syncPromptTexts).toBe(false);

      // Record every state the button passes through: indexing is quick, a screenshot would miss it.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const button = document.querySelector('[data-testid="task-index-now"]');
          if (button?.textContent) seen.push(`${button.getAttribute('aria-busy')}|${button.textContent}`);
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await page.getByRole('button', { name: 'Index now' }).first().click();
      const done = page.getByTestId('toast').filter({ hasText: /Indexed 12 files/ });
      await done.waitFor();
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      // Live progress from the service's events: a share of the bytes and the files done.
      expect(seen.some((s) => /^true\|Indexing… \d+% · \d+ of 12 files$/.test(s))).toBe(true);
      expect(seen.at(-1)).toBe('false|Index now');

      const status = await callApi<StatusReport>(page, 'status');
      expect(status.counts.sessions).toBeGreaterThan(0);
      await page.getByTestId('lane').first().waitFor();
      expect(await page.getByTestId('empty-no-sessions').count()).toBe(0);

      // No focus events yet: the tmux setup is offered; hidden once, it stays hidden after a reload.
      const notice = page.getByTestId('empty-no-events');
      expect(await notice.textContent()).toContain('tt hook tmux --install');
      await notice.getByRole('button', { name: 'Hide this notice' }).click();
      await page.reload();
      await page.getByTestId('lane').first().waitFor();
      expect(await notice.count()).toBe(0);
    });

    it('Index now already grouped the sessions by project; Infer streams runs again over the week', async () => {
      // No separate Infer was needed: the lanes are streams, not one "Unassigned" lane.
      await expect
        .poll(() =>
          page.getByTestId('lane').evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-id'))),
        )
        .not.toContain('');
      await page.getByRole('button', { name: 'Infer streams' }).click();
      const done = page.getByTestId('toast').filter({ hasText: /Inferred streams by project: \d+ created/ });
      await done.waitFor();
      await expect.poll(() => page.getByTestId('stream-row').count()).toBeGreaterThan(1);
      // The timeline refetches on its own; on a busy machine it can lag the stream list a little.
      const laneNames = () =>
        page.getByTestId('lane').evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name')));
      await expect
        .poll(async () => (await laneNames()).every((name) => name?.startsWith('spotter')))
        .toBe(true);
      expect((await laneNames()).length).toBeGreaterThan(1);
    });

    it('when tt dashboard stops, the page says so once, with the way back', async () => {
      await dashboard.stop();
      await page.keyboard.press('ArrowLeft'); // a new range: its queries find nobody
      const alerts = page.getByRole('alert');
      await alerts.filter({ hasText: 'tt is not running' }).first().waitFor();
      const texts = await alerts.allTextContents();
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('Start it again with tt dashboard --port');
      expect(texts[0]).not.toContain('network');
    });
  },
);
