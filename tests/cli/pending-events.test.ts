// Focus events wait in the hook's spool file until something imports them. `tt infer` and
// `tt report` work from focus too, so they import first, as `tt events` and the app do: a fresh
// data dir must not place "0 focus events" just because nobody ran `tt events` yet.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { makeGitRepo } from '../helpers/git-repos';
import { writePromptTranscript } from '../helpers/prompt-transcripts';
import { tempDir } from '../helpers/temp';

const status = async (env: Record<string, string>) =>
  JSON.parse((await runTt(['status', '--json'], { env })).stdout) as { counts: { events: number } };

describe('pending focus events', () => {
  it('are imported by tt infer and tt report before they work', async () => {
    const root = realpathSync(tempDir());
    const repo = makeGitRepo(join(root, 'storefront'), 'git@github.com:acme/storefront.git');
    const projects = join(root, 'projects');
    const now = Date.now();
    writePromptTranscript(projects, {
      sessionId: '11111111-2222-4333-8444-555555555555',
      cwd: repo,
      prompts: [{ at: now - 30 * 60_000, text: 'tidy the cart', workMs: 5 * 60_000 }],
    });

    const inferEnv = { TT_DATA_DIR: join(root, 'infer-data') };
    expect((await runTt(['sessions', 'index', '--root', projects], { env: inferEnv })).exitCode).toBe(0);
    expect(
      (await runTt(['ingest', 'pane-focus', '--pane', '%1', '--cwd', repo], { env: inferEnv })).exitCode,
    ).toBe(0);
    expect((await status(inferEnv)).counts.events).toBe(0);
    const infer = await runTt(['infer'], { env: inferEnv });
    expect(infer.exitCode, infer.stderr).toBe(0);
    expect(infer.stdout).toContain('1 sessions and 1 focus events placed');

    const reportEnv = { TT_DATA_DIR: join(root, 'report-data') };
    expect(
      (await runTt(['ingest', 'pane-focus', '--pane', '%1', '--cwd', repo], { env: reportEnv })).exitCode,
    ).toBe(0);
    const report = await runTt(['report', '--json'], { env: reportEnv });
    expect(report.exitCode, report.stderr).toBe(0);
    expect((await status(reportEnv)).counts.events).toBe(1);
  });
});
