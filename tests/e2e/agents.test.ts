import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Settings } from '../../src/shared/api';
import { runTt } from '../helpers/cli';
import { makeGitRepo } from '../helpers/git-repos';
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

// The app shows which agent wrote a session (issue 17): a Claude Code session and a Codex CLI
// session in one project, as files where the agents keep them, indexed by `tt sessions index`.
const DAY = '2026-03-03';
const MIN = 60_000;
const at = (hour: number, minute = 0) =>
  Date.parse(`${DAY}T${String(hour).padStart(2, '0')}:00:00Z`) + minute * MIN;
const CODEX_ID = '019c8a53-a0dd-7130-bcd7-000000000042';

function writeRollout(codexHome: string, cwd: string): void {
  const dir = join(codexHome, 'sessions', '2026', '03', '03');
  mkdirSync(dir, { recursive: true });
  const line = (ms: number, type: string, payload: object) =>
    JSON.stringify({ timestamp: new Date(ms).toISOString(), type, payload });
  const lines = [
    line(at(13), 'session_meta', { id: CODEX_ID, cwd, git: { branch: 'main' } }),
    line(at(13), 'event_msg', { type: 'task_started' }),
    line(at(13), 'event_msg', { type: 'user_message', message: 'port the cart to the new API' }),
    line(at(13, 20), 'response_item', { type: 'function_call', name: 'shell' }),
    line(at(13, 40), 'event_msg', { type: 'task_complete' }),
  ];
  writeFileSync(join(dir, `rollout-2026-03-03T13-00-00-${CODEX_ID}.jsonl`), `${lines.join('\n')}\n`);
}

describe.skipIf(!RENDERER_BUILT)(
  `the agent of each session in tt dashboard${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      const root = realpathSync(scratch.path);
      const shop = makeGitRepo(join(root, 'shop'), 'git@github.com:acme/shop.git');
      writePromptTranscript(join(root, 'claude', 'projects'), {
        sessionId: 'aaaaaaaa-1111-4111-8111-111111111111',
        cwd: shop,
        prompts: [{ at: at(10), text: 'look at the checkout page', workMs: 10 * MIN }],
      });
      writeRollout(join(root, 'codex'), shop);
      const env = {
        TZ: TEST_TZ,
        HOME: join(root, 'home'),
        CLAUDE_CONFIG_DIR: join(root, 'claude'),
        CODEX_HOME: join(root, 'codex'),
      };
      const dataDir = join(root, 'data');
      for (const args of [
        ['sessions', 'index'],
        ['infer', '--start', `${DAY}T00:00:00Z`, '--end', '2026-03-04T00:00:00Z'],
      ]) {
        const result = await runTt(['--data-dir', dataDir, ...args], { env });
        expect(result.exitCode, result.stderr).toBe(0);
      }
      dashboard = await startDashboard(dataDir, env);
      browser = await launchChromium();
      ({ page } = await newAppPage(browser, dashboard, `#view=day&day=${DAY}`));
      await page.getByTestId('stream-row').first().waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      scratch.remove();
    });

    it('names the agent in the timeline tooltip and in the session details, both sessions in one stream', async () => {
      const block = page.locator(`[data-testid="session-block"][data-session-id="codex:${CODEX_ID}"]`);
      await block.focus();
      const tooltip = page.getByTestId('timeline-tooltip');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toContain('Codex CLI · shop');

      await page.getByRole('button', { name: 'shop', exact: true }).click();
      const sessions = page.getByTestId('stream-detail').getByTestId('session');
      await expect.poll(() => sessions.count()).toBe(2);
      const codex = sessions.filter({ hasText: 'port the cart' });
      expect(await codex.textContent()).toContain('Codex CLI · shop');
      await codex.getByRole('button', { name: /^Details of session/ }).click();
      const details = codex.getByTestId('session-details');
      await details.waitFor();
      expect(await details.getByTestId('session-agent').textContent()).toBe('Codex CLI');
      expect(await details.getByTestId('session-delegated').textContent()).toBe('40m');
      await codex.screenshot({ path: screenshotPath('codex-session.png') });
    });

    it('lists the sources found in Settings, and saves one turned off', async () => {
      await page.getByRole('button', { name: 'Settings' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      const sources = dialog.getByTestId('session-sources');
      expect(await sources.getByTestId('session-source-codex').textContent()).toMatch(
        /^found in .*\/codex\/sessions, .*\/codex\/archived_sessions \(moved by \$CODEX_HOME\)$/,
      );
      expect(await sources.getByTestId('session-source-claude-code').textContent()).toMatch(
        /^found in .*\/claude\/projects \(moved by \$CLAUDE_CONFIG_DIR\)$/,
      );
      await page.screenshot({ path: screenshotPath('settings-sources.png') });
      await sources.getByLabel('Codex CLI').uncheck();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('toast').filter({ hasText: 'Settings saved' }).waitFor();
      expect((await callApi<Settings>(page, 'getSettings')).disabledSources).toEqual(['codex']);
    });
  },
);
