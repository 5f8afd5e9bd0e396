import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { CODEX_FIXTURE_HOME } from '../helpers/codex-fixtures';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

// Settings lists every agent's sources, found or not, and each can be turned off (issue 17).
describe('tt settings: session sources', () => {
  it('lists the sources found with their folders, and the indexer skips one turned off', async () => {
    const home = tempDir();
    const env = { TT_DATA_DIR: tempDir(), HOME: home, CODEX_HOME: CODEX_FIXTURE_HOME, ANTHROPIC_API_KEY: '' };
    const shown = await runTt(['settings'], { env });
    expect(shown.exitCode).toBe(0);
    const codexLine = shown.stdout.split('\n').find((line) => line.includes('Codex CLI'));
    expect(codexLine).toContain('on   found');
    expect(codexLine).toContain(join(CODEX_FIXTURE_HOME, 'sessions'));
    expect(codexLine).toContain('$CODEX_HOME');
    expect(shown.stdout).toMatch(/Claude Code\s+on\s+not found/);

    const set = await runTt(['settings', 'set', 'disabled-sources', 'codex'], { env });
    expect(set.stdout).toBe('disabled-sources is now codex');
    const off = JSON.parse((await runTt(['sessions', 'index', '--json'], { env })).stdout);
    expect(off.sessionsWritten).toBe(0);

    await runTt(['settings', 'set', 'disabled-sources', ''], { env });
    const on = JSON.parse((await runTt(['sessions', 'index', '--json'], { env })).stdout);
    expect(on.sessionsWritten).toBe(6);
  });

  it('turns Claude Code off too, and reads only the other agents then', async () => {
    const env = {
      TT_DATA_DIR: tempDir(),
      HOME: tempDir(),
      CLAUDE_CONFIG_DIR: dirname(CLAUDE_FIXTURE_ROOT),
      CODEX_HOME: CODEX_FIXTURE_HOME,
    };
    await runTt(['settings', 'set', 'disabled-sources', 'claude-code'], { env });
    const codexOnly = JSON.parse((await runTt(['sessions', 'index', '--json'], { env })).stdout);
    expect(codexOnly.sessionsWritten).toBe(6);
    await runTt(['settings', 'set', 'disabled-sources', ''], { env });
    const both = JSON.parse((await runTt(['sessions', 'index', '--json'], { env })).stdout);
    expect([both.sessionsWritten, both.filesUnchanged]).toEqual([12, 6]);
  });

  it('refuses an agent it does not know, with exit 2', async () => {
    const env = { TT_DATA_DIR: tempDir(), HOME: tempDir() };
    const bad = await runTt(['settings', 'set', 'disabled-sources', 'cursor'], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('"cursor" is not a valid disabled-sources');
  });
});
