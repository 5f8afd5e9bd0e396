import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SyncStatus, TimelineData } from '../../src/shared/api';
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

// One person, two machines (issue 18): the laptop works on "checkout", the desk on "billing",
// each indexes and infers its own, and both sync through one folder with the real `tt sync`.
// The desk's timeline shows both, and its machine filter shows one machine's work at a time.
const DAY = '2026-03-05';
const MIN = 60_000;
const at = (hour: number) => Date.parse(`${DAY}T${String(hour).padStart(2, '0')}:00:00Z`);

describe.skipIf(!RENDERER_BUILT)(
  `the timeline filtered by machine${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    let laptopId = '';

    beforeAll(async () => {
      const root = realpathSync(scratch.path);
      const folder = join(root, 'Sync');
      mkdirSync(folder);
      const machine = async (name: string, project: string, hour: number) => {
        const home = join(root, name);
        writePromptTranscript(join(home, '.claude', 'projects'), {
          sessionId: `${name}-0000-4000-8000-000000000001`,
          cwd: `/nonexistent/${project}`,
          prompts: [{ at: at(hour), text: `work on ${project}`, workMs: 20 * MIN }],
        });
        const env = { TZ: TEST_TZ, HOME: home };
        const dataDir = join(home, 'data');
        for (const args of [
          ['sessions', 'index'],
          ['sync', 'name', name],
          ['sync', '--folder', folder],
        ]) {
          const result = await runTt(['--data-dir', dataDir, ...args], { env });
          expect(result.exitCode, result.stderr).toBe(0);
        }
        return { dataDir, env };
      };
      await machine('laptop', 'checkout', 9);
      const desk = await machine('desk', 'billing', 14);
      const synced = await runTt(['--data-dir', desk.dataDir, 'sync', '--folder', folder], { env: desk.env });
      expect(synced.exitCode, synced.stderr).toBe(0);
      const machines = await runTt(['--data-dir', desk.dataDir, 'sync', 'machines', '--json'], {
        env: desk.env,
      });
      laptopId = (JSON.parse(machines.stdout) as { id: string; name: string }[]).find(
        (m) => m.name === 'laptop',
      )!.id;
      dashboard = await startDashboard(desk.dataDir, desk.env);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, `#view=day&day=${DAY}`));
      await page.getByTestId('lane').first().waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    const laneNames = () => page.locator('[data-testid="lane-label"] .lane-name').allTextContents();

    it('shows every machine’s work, then one machine’s, and keeps the choice in the URL', async () => {
      await expect.poll(laneNames).toEqual(expect.arrayContaining(['checkout', 'billing']));
      const filter = page.getByTestId('machine-filter');
      // The machines arrive with their own answer, after the lanes.
      await expect
        .poll(() => filter.locator('option').allTextContents())
        .toEqual(['All machines', 'desk (this machine)', 'laptop']);
      await filter.selectOption({ label: 'laptop' });
      await expect.poll(laneNames).toEqual(['checkout']);
      expect(page.url()).toContain(`machine=${laptopId}`);
      const whole = await callApi<TimelineData>(page, 'timeline', { start: at(0), end: at(0) + 1440 * MIN });
      const laptop = await callApi<TimelineData>(page, 'timeline', {
        start: at(0),
        end: at(0) + 1440 * MIN,
        machine: laptopId,
      });
      expect(laptop.totals.delegatedMs).toBeGreaterThan(0);
      expect(laptop.totals.delegatedMs).toBeLessThan(whole.totals.delegatedMs);
      await page.screenshot({ path: screenshotPath('machine-filter.png') });

      // A day without the laptop's work names the filter, and offers every machine.
      await page.getByRole('button', { name: 'Previous day' }).click();
      const empty = page.getByTestId('empty-range');
      await expect.poll(() => empty.textContent()).toContain('Nothing recorded on laptop in this range');
      await empty.getByRole('button', { name: 'Show every machine' }).click();
      await expect.poll(() => page.url()).not.toContain('machine=');
      await page.getByRole('button', { name: 'Next day' }).click();
      await filter.selectOption({ label: 'laptop' });
      await expect.poll(laneNames).toEqual(['checkout']);

      await filter.selectOption({ label: 'All machines' });
      await expect.poll(laneNames).toEqual(expect.arrayContaining(['checkout', 'billing']));
      expect(page.url()).not.toContain('machine=');
    });

    it('Settings says where sync stands with each machine (issue 25, item 10)', async () => {
      await page.getByRole('button', { name: 'Settings' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      const machines = dialog.getByTestId('sync-machines').locator(':scope > li');
      await expect
        .poll(() => machines.allTextContents())
        .toEqual([
          expect.stringMatching(/^desk \(this machine\) · segment 1$/),
          expect.stringMatching(/^laptop \(last seen .+\) · segment 1$/),
        ]);
      const status = await callApi<SyncStatus>(page, 'syncStatus');
      expect(status.pendingExport).toEqual({ sessions: 0, events: 0, edits: 0 });
      await dialog.getByRole('button', { name: 'Close settings' }).click();
    });

    it('refuses a machine argument that is not an id', async () => {
      await expect(
        callApi(page, 'timeline', { start: at(0), end: at(0) + 1440 * MIN, machine: 'two words' }),
      ).rejects.toThrow(/id/);
    });
  },
);
