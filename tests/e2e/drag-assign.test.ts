import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StreamSummary, UnassignedGroup } from '../../src/shared/api';
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

// Unassigned time on the timeline, given to a stream by dragging across its lane: sessions
// written as transcripts and indexed by `tt sessions index`, never inferred, so no stream
// holds them.
const HOUR = 3_600_000;
const DAY = Date.UTC(2026, 1, 12);
const day = { start: DAY, end: DAY + 24 * HOUR };
const sessionId = (n: number) => `d${n}000000-0000-4000-8000-000000000000`;

describe.skipIf(!RENDERER_BUILT)(
  `dragging across an unassigned lane assigns that range${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  { timeout: 120_000 },
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    const unassigned = async (project: string) =>
      (await callApi<UnassignedGroup[]>(page, 'listUnassigned', day)).find((g) => g.project === project);
    const spotterBlocks = () =>
      page.locator(
        '[data-testid="lane"][data-stream-id=""] [data-testid="session-block"][data-session-id^="d1"], [data-testid="lane"][data-stream-id=""] [data-testid="session-block"][data-session-id^="d2"]',
      );

    beforeAll(async () => {
      // The dashboard groups what it indexes itself by project; sessions indexed by the CLI
      // while it runs stay in no stream (as they would after a run of inference).
      dashboard = await startDashboard(scratch.path);
      const root = `${scratch.path}/claude/projects`;
      // Two sessions of one project in the morning, one of another in the afternoon.
      const sessions = [
        { n: 1, cwd: '/home/dev/work/spotter', at: DAY + 10 * HOUR },
        { n: 2, cwd: '/home/dev/work/spotter', at: DAY + 11 * HOUR },
        { n: 3, cwd: '/home/dev/work/ledger', at: DAY + 15 * HOUR },
      ];
      for (const s of sessions) {
        writePromptTranscript(root, {
          sessionId: sessionId(s.n),
          cwd: s.cwd,
          prompts: [{ at: s.at, text: `topic ${s.n}`, workMs: 15 * 60_000 }],
        });
      }
      const index = await runTt(['--data-dir', scratch.path, 'sessions', 'index', '--root', root], {
        env: { TZ: TEST_TZ },
      });
      expect(index.exitCode, index.stderr).toBe(0);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, '#view=day&day=2026-02-12'));
      await page.locator('[data-testid="lane"][data-stream-id=""]').waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('a drag over one project’s sessions gives them to a new stream; Escape cancels a drag; u undoes', async () => {
      expect((await unassigned('spotter'))?.sessions).toBe(2);
      const first = (await spotterBlocks().nth(0).boundingBox())!;
      const second = (await spotterBlocks().nth(1).boundingBox())!;
      const y = first.y + first.height / 2;
      // From inside the first session (an idle stretch before it is folded away) to past the second.
      const from = first.x + 4;
      const to = second.x + second.width + 3;

      // Escape during a drag cancels it: no range, no picker.
      await page.mouse.move(from, y);
      await page.mouse.down();
      await page.mouse.move(to, y, { steps: 5 });
      await page.getByTestId('range-selection').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('range-selection').count()).toBe(0);
      await page.mouse.up();
      expect(await page.getByTestId('picker').count()).toBe(0);

      await page.mouse.move(from, y);
      await page.mouse.down();
      await page.mouse.move(to, y, { steps: 5 });
      await page.mouse.up();
      const picker = page.getByRole('combobox', { name: /^Assign spotter 12 Feb 10:\d\d–11:\d\d to…/ });
      await picker.waitFor();
      expect(await page.getByTestId('range-selection').count()).toBe(1);
      await page.keyboard.type('Spotter morning');
      await page.screenshot({ path: screenshotPath('drag-assign-picker.png') });
      await page.getByRole('option', { name: 'New stream "Spotter morning"' }).click();

      const made = async () =>
        (await callApi<StreamSummary[]>(page, 'listStreams', day)).find((s) => s.name === 'Spotter morning');
      await expect.poll(async () => (await made())?.sessionIds.sort()).toEqual([sessionId(1), sessionId(2)]);
      const stream = (await made())!;
      expect(stream.delegatedMs).toBe(30 * 60_000);
      const row = page.locator(`[data-testid="stream-row"][data-stream-id="${stream.id}"]`);
      await expect
        .poll(() => row.getByTestId('delegated-total').getAttribute('data-ms'))
        .toBe(String(30 * 60_000));
      expect(await unassigned('spotter')).toBeUndefined();
      // Only the range dragged over: the afternoon's other project is still unassigned.
      expect((await unassigned('ledger'))?.sessions).toBe(1);
      expect(await page.getByTestId('range-selection').count()).toBe(0);

      await page.keyboard.press('u');
      await expect.poll(async () => (await unassigned('spotter'))?.sessions).toBe(2);
      expect(await made()).toBeUndefined();
      await expect.poll(() => row.count()).toBe(0);
    });
  },
);
