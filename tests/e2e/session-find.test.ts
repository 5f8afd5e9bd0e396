import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SessionDetails } from '../../src/shared/api';
import { runTt } from '../helpers/cli';
import { makeGitRepo } from '../helpers/git-repos';
import { writePromptTranscript } from '../helpers/prompt-transcripts';
import { formatDuration } from '../../src/renderer/src/lib/time';
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

// Session details answer "what was this?" (every prompt, collapsed after three, and the
// session's times), and Find reaches a stream by project or by the words of a prompt. The
// data goes through the real path: transcripts on disk, `tt sessions index`, `tt infer`.

const DAY = '2026-03-03';
const at = (hour: number, minute = 0) =>
  Date.parse(`${DAY}T${String(hour).padStart(2, '0')}:00:00Z`) + minute * 60_000;
const MIN = 60_000;
const SHOP_PROMPTS = [
  'look at the checkout page',
  'the totals are off by a cent',
  'round half to even please',
  'now wire the refund webhook to the ledger',
  'ship it',
];

describe.skipIf(!RENDERER_BUILT)(
  `session details and find in tt dashboard${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    const rows = () => page.getByTestId('stream-row');
    const rowNames = () => rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-stream-name')));

    beforeAll(async () => {
      const root = realpathSync(scratch.path);
      const shop = makeGitRepo(join(root, 'shop'), 'git@github.com:acme/shop.git');
      const blog = makeGitRepo(join(root, 'blog'), 'git@github.com:acme/blog.git');
      const projects = join(root, 'projects');
      writePromptTranscript(projects, {
        sessionId: 'aaaaaaaa-1111-4111-8111-111111111111',
        cwd: shop,
        gitBranch: 'main',
        prompts: SHOP_PROMPTS.map((text, i) => ({ at: at(10, i * 10), text, workMs: 4 * MIN })),
      });
      writePromptTranscript(projects, {
        sessionId: 'bbbbbbbb-2222-4222-8222-222222222222',
        cwd: blog,
        prompts: [
          { at: at(14), text: 'draft the post about caching', workMs: 6 * MIN },
          { at: at(14, 20), text: 'tighten the intro', workMs: 3 * MIN },
        ],
      });
      const dataDir = join(root, 'data');
      const env = { TZ: TEST_TZ };
      for (const args of [
        ['sessions', 'index', '--root', projects],
        ['infer', '--start', `${DAY}T00:00:00Z`, '--end', '2026-03-04T00:00:00Z'],
      ]) {
        const result = await runTt(['--data-dir', dataDir, ...args], { env });
        expect(result.exitCode, result.stderr).toBe(0);
      }
      dashboard = await startDashboard(dataDir);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, `#view=day&day=${DAY}`));
      await rows().first().waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('finds a stream by a prompt’s words and by project', async () => {
      expect((await rowNames()).sort()).toEqual(['blog', 'shop']);
      const search = page.getByRole('searchbox', { name: /prompt/ });
      // Words from the fourth prompt: not a stream name, not the session's title.
      await search.fill('REFUND webhook');
      await expect.poll(rowNames).toEqual(['shop']);
      await search.fill('caching');
      await expect.poll(rowNames).toEqual(['blog']);
      await search.fill('no prompt said this');
      await expect.poll(() => rows().count()).toBe(0);
      await search.fill('');
      await expect.poll(async () => (await rowNames()).length).toBe(2);

      const project = page.getByRole('combobox', { name: 'Filter by project' });
      expect(await project.locator('option').allTextContents()).toEqual(['All projects', 'blog', 'shop']);
      await project.selectOption('blog');
      await expect.poll(rowNames).toEqual(['blog']);
      await project.selectOption('');
      await expect.poll(async () => (await rowNames()).length).toBe(2);
    });

    it('shows a session’s prompts, collapsed after three, and its times in the range', async () => {
      await page.getByRole('button', { name: 'shop', exact: true }).click();
      const session = page.getByTestId('stream-detail').getByTestId('session').first();
      await session.getByRole('button', { name: /^Details of session/ }).click();
      const details = session.getByTestId('session-details');
      await details.waitFor();
      expect(await details.getByTestId('session-prompt').allTextContents()).toEqual(
        SHOP_PROMPTS.slice(0, 3).map((text) => expect.stringContaining(text)),
      );
      await details.getByRole('button', { name: 'Show 2 more prompts' }).click();
      await expect.poll(() => details.getByTestId('session-prompt').count()).toBe(5);
      expect(await details.getByTestId('session-prompt').last().textContent()).toContain('ship it');

      // Five turns of four minutes; the person answered each six minutes after it ended.
      expect(await details.getByTestId('session-delegated').textContent()).toBe(formatDuration(20 * MIN));
      expect(await details.getByTestId('session-waiting').textContent()).toBe(formatDuration(24 * MIN));
      const range = { start: Date.parse(`${DAY}T00:00:00Z`), end: Date.parse('2026-03-04T00:00:00Z') };
      const api = await callApi<SessionDetails>(page, 'sessionDetails', {
        sessionId: 'aaaaaaaa-1111-4111-8111-111111111111',
        ...range,
      });
      expect(api.directMs).toBeGreaterThan(0);
      expect(await details.getByTestId('session-direct').textContent()).toBe(formatDuration(api.directMs));
      // The only session of its stream: its times are the stream's.
      const row = page.locator('[data-testid="stream-row"][data-stream-name="shop"]');
      expect(Number(await row.getByTestId('direct-total').getAttribute('data-ms'))).toBe(api.directMs);
      expect(await details.textContent()).toContain('branch main');
      await session.screenshot({ path: screenshotPath('session-details.png') });
    });
  },
);
