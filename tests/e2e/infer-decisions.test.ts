import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { EventRecord, StreamSummary, UnassignedGroup } from '../../src/shared/api';
import { FakeAnthropic, oneStreamPerWindow } from '../helpers/fake-anthropic';
import { runTt } from '../helpers/cli';
import { writePromptTranscript } from '../helpers/prompt-transcripts';
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

// Issue 23 in the app: Claude is asked only after a preview, the offline button keeps what
// Claude decided (regrouping is a separate, confirmed choice), each run is undone as one edit,
// and focus imported after a run with Claude follows Claude's streams.
const tt = (dataDir: string, args: string[]) =>
  runTt(['--data-dir', dataDir, ...args], { env: { TZ: TEST_TZ } });

const kept = (s: StreamSummary) => ({ id: s.id, name: s.name, source: s.source, sessionIds: s.sessionIds });
const SEND = /^Send \d+ requests?$/;

describe.skipIf(!RENDERER_BUILT)(
  `inference keeps decisions in tt dashboard${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  { timeout: 180_000 },
  () => {
    const fake = new FakeAnthropic();
    const scratches: { remove: () => void }[] = [];
    const dashboards: RunningDashboard[] = [];
    let browser: Browser;

    beforeAll(async () => {
      await fake.start();
      // One stream per window, named by its first session, with a rationale.
      fake.fallback = oneStreamPerWindow('one piece of work');
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      for (const dashboard of dashboards) await dashboard.stop();
      await fake.close();
      for (const scratch of scratches) scratch.remove();
    });

    async function open(dataDir: string, hash: string): Promise<Page> {
      const dashboard = await startDashboard(dataDir, {
        ANTHROPIC_API_KEY: 'sk-ant-fake-for-tests',
        ANTHROPIC_BASE_URL: fake.baseURL,
      });
      dashboards.push(dashboard);
      return (await newAppPage(browser, dashboard, hash)).page;
    }

    async function inferWithClaude(page: Page): Promise<void> {
      const before = fake.requests.length;
      await page.getByRole('button', { name: 'Infer with Claude' }).click();
      const preview = page.getByTestId('llm-preview');
      await preview.getByRole('button', { name: SEND }).waitFor();
      // The preview is up and nothing was sent yet.
      expect(fake.requests.length).toBe(before);
      expect(await preview.getByTestId('llm-preview-cost').textContent()).toMatch(
        /^\d+ requests? to Claude, about [\d,]+ input tokens \([\d,]+ characters\)\.$/,
      );
      expect(await preview.textContent()).toContain('Redacted before sending:');
      await preview.getByRole('button', { name: SEND }).click();
      await page.getByTestId('toast').filter({ hasText: 'with Claude' }).first().waitFor({ timeout: 30_000 });
      expect(fake.requests.length).toBeGreaterThan(before);
    }

    it('asks before sending, keeps Claude’s streams through an offline run, regroups only when confirmed, and undoes each run', async () => {
      const scratch = scratchDir();
      scratches.push(scratch);
      const index = await tt(scratch.path, ['sessions', 'index', '--root', FIXTURE_ROOT]);
      expect(index.exitCode, index.stderr).toBe(0);
      const page = await open(scratch.path, '#view=week&day=2026-02-12');
      const list = () => callApi<StreamSummary[]>(page, 'listStreams');
      // The dashboard groups what was indexed by project by itself.
      await expect.poll(async () => (await list()).length).toBeGreaterThan(0);

      // Cancel sends nothing.
      await page.getByRole('button', { name: 'Infer with Claude' }).click();
      await page.getByTestId('llm-preview').getByRole('button', { name: 'Cancel' }).click();
      expect(fake.requests).toHaveLength(0);

      await inferWithClaude(page);
      const afterClaude = await list();
      const claude = afterClaude.filter((s) => s.source === 'llm');
      expect(claude.length).toBeGreaterThan(0);
      const undo = page.getByTestId('undo');
      await expect
        .poll(() => undo.getAttribute('aria-label'))
        .toBe('Undo inference with Claude of 9–15 Feb 2026');

      // The offline button: every Claude stream intact, and it says so.
      await page.getByRole('button', { name: 'Infer streams' }).click();
      const offline = page.getByTestId('toast').filter({ hasText: 'Claude inferred' }).first();
      await offline.waitFor({ timeout: 20_000 });
      expect(await offline.textContent()).toContain(`kept ${claude.length} stream`);
      const afterOffline = await list();
      for (const stream of claude) expect(afterOffline.map(kept)).toContainEqual(kept(stream));

      // Regrouping names what it replaces, and Cancel changes nothing.
      await page.getByRole('button', { name: 'Regroup offline…' }).click();
      const regroup = page.getByTestId('regroup-preview');
      await regroup.getByRole('button', { name: `Replace ${claude.length} Claude streams` }).waitFor();
      for (const stream of claude) expect(await regroup.textContent()).toContain(stream.name);
      await page.screenshot({ path: screenshotPath('regroup-preview.png') });
      await regroup.getByRole('button', { name: 'Cancel' }).click();
      expect((await list()).map(kept)).toEqual(afterOffline.map(kept));

      await page.getByRole('button', { name: 'Regroup offline…' }).click();
      await regroup.getByRole('button', { name: `Replace ${claude.length} Claude streams` }).click();
      await expect.poll(async () => (await list()).filter((s) => s.source === 'llm').length).toBe(0);
      await expect.poll(() => undo.getAttribute('aria-label')).toBe('Undo inference of 9–15 Feb 2026');

      // The toolbar's Undo takes the regroup back exactly.
      await undo.click();
      await expect.poll(async () => (await list()).map(kept)).toEqual(afterOffline.map(kept));
      expect((await list()).map((s) => s.confidence)).toEqual(afterOffline.map((s) => s.confidence));
    });

    it('focus imported after a run with Claude is in Claude’s stream, not Unassigned; details say why', async () => {
      const scratch = scratchDir();
      scratches.push(scratch);
      const now = Date.now();
      const cwd = join(scratch.path, 'work', 'focusproj');
      mkdirSync(cwd, { recursive: true });
      const root = join(scratch.path, 'claude', 'projects');
      writePromptTranscript(root, {
        sessionId: 'f0c05000-0000-4000-8000-000000000001',
        cwd,
        prompts: [{ at: now - 40 * 60_000, text: 'tidy the focus code', workMs: 30 * 60_000 }],
      });
      const index = await tt(scratch.path, ['sessions', 'index', '--root', root]);
      expect(index.exitCode, index.stderr).toBe(0);
      const page = await open(scratch.path, '');
      await expect.poll(async () => (await callApi<StreamSummary[]>(page, 'listStreams')).length).toBe(1);
      await inferWithClaude(page);
      const [stream] = await callApi<StreamSummary[]>(page, 'listStreams');
      expect(stream!.source).toBe('llm');

      for (const pane of ['%1', '%2']) {
        const ingest = await tt(scratch.path, ['ingest', 'pane-focus', '--pane', pane, '--cwd', cwd]);
        expect(ingest.exitCode, ingest.stderr).toBe(0);
      }
      await callApi(page, 'importEvents');
      const events = (await callApi<EventRecord[]>(page, 'listEvents', {})).filter(
        (e) => e.type === 'pane-focus',
      );
      expect(events).toHaveLength(2);
      expect(events.map((e) => e.streamId)).toEqual([stream!.id, stream!.id]);
      const week = { start: now - 7 * 24 * 3_600_000, end: now + 3_600_000 };
      expect(await callApi<UnassignedGroup[]>(page, 'listUnassigned', week)).toEqual([]);

      // The session's details say why it is in its stream.
      await page.getByTestId('session-block').first().click();
      await expect
        .poll(() => page.getByTestId('session-reason').textContent())
        .toBe('Claude grouped it: one piece of work');
    });
  },
);
