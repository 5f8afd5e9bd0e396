// Hooks written by an earlier tt quoted directories with #{q:…}, which leaves a newline bare for
// sh. They keep running until reinstalled, so tt says so on every command until they are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

it('asks for the tmux hooks to be reinstalled while the installed ones are the unsafe kind', async () => {
  const home = tempDir();
  const dataDir = join(home, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  writeFileSync(
    join(dataDir, 'tmux-hooks.conf'),
    'set-hook -g pane-focus-in[42] { run-shell -b "node ingest.js pane-focus --cwd=#{q:pane_current_path}" }\n',
    { mode: 0o600 },
  );
  const env = { HOME: home, TT_DATA_DIR: dataDir };

  const before = await runTt(['status'], { env });
  expect(before.exitCode).toBe(0);
  expect(before.stderr).toContain('tmux hooks in this data directory come from an older tt');
  expect(before.stderr).toContain('run `tt hook tmux --install`');

  expect((await runTt(['hook', 'tmux', '--install'], { env })).exitCode).toBe(0);
  const after = await runTt(['status'], { env });
  expect(after.stderr).toBe('');
});
