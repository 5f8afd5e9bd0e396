import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

describe('tt settings', () => {
  const env = () => ({ TT_DATA_DIR: tempDir(), HOME: tempDir(), ANTHROPIC_API_KEY: '' });

  it('shows the defaults, with the folders searched and where the key would come from', async () => {
    const e = env();
    const result = await runTt(['settings'], { env: e });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`project-roots       (default) ${e.HOME}/.claude/projects`);
    expect(result.stdout).toContain('attention-window    5 min');
    expect(result.stdout).toContain('API key             not set (set ANTHROPIC_API_KEY');
  });

  it('changes settings, which the indexer then uses', async () => {
    const e = env();
    expect((await runTt(['settings', 'set', 'attention-window', '12'], { env: e })).stdout).toBe(
      'attention-window is now 12',
    );
    await runTt(['settings', 'set', 'project-roots', CLAUDE_FIXTURE_ROOT], { env: e });
    const shown = JSON.parse((await runTt(['settings', '--json'], { env: e })).stdout);
    expect(shown).toMatchObject({ attentionWindowMinutes: 12, projectRoots: [CLAUDE_FIXTURE_ROOT] });
    // `tt sessions index` without --root now reads the configured folder.
    const indexed = await runTt(['sessions', 'index', '--json'], { env: e });
    expect(JSON.parse(indexed.stdout)).toMatchObject({ roots: [CLAUDE_FIXTURE_ROOT], sessionsWritten: 12 });
    // "" goes back to the default folders.
    await runTt(['settings', 'set', 'project-roots', ''], { env: e });
    expect(JSON.parse((await runTt(['settings', '--json'], { env: e })).stdout).projectRoots).toEqual([]);
  });

  it('refuses an unknown setting or a bad value with exit 2, and keeps the old value', async () => {
    const e = env();
    const unknown = await runTt(['settings', 'set', 'colour', 'red'], { env: e });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('there is no setting "colour"');
    expect(unknown.stderr).toContain('attention-window');

    const bad = await runTt(['settings', 'set', 'attention-window', '0'], { env: e });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('"0" is not a valid attention-window');
    expect(bad.stderr).toContain('Too small');
    expect(JSON.parse((await runTt(['settings', '--json'], { env: e })).stdout).attentionWindowMinutes).toBe(
      5,
    );
  });
});
