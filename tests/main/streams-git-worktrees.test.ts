import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { seedSessions } from '../helpers/seed-sessions';
import { tempDir } from '../helpers/temp';

// Worktrees that exist: identity comes from real git (issue 4's resolver), not the path.
const open: TtService[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.close();
});

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });
}

describe('directory inference with real git worktrees', () => {
  it('gives the main checkout one stream and each linked worktree its own, under one project', async () => {
    const code = tempDir('tt-worktrees-');
    const main = join(code, 'shop');
    mkdirSync(join(main, 'src'), { recursive: true });
    git(main, 'init', '-q', '-b', 'main');
    git(main, 'commit', '-q', '--allow-empty', '-m', 'start');
    git(main, 'worktree', 'add', '-q', join(code, 'shop-checkout-fix'), '-b', 'checkout-fix');

    const service = TtService.open({ dataDir: tempDir(), env: { ...process.env, HOME: code } });
    open.push(service);
    const t = Date.parse('2026-03-01T10:00:00Z');
    seedSessions(service.db, [
      { sessionId: 'root', projectPath: main, start: t, end: t + 60_000 },
      { sessionId: 'subdir', projectPath: join(main, 'src'), start: t + 120_000, end: t + 180_000 },
      { sessionId: 'fix', projectPath: join(code, 'shop-checkout-fix'), start: t, end: t + 60_000 },
    ]);
    await service.inferStreams({ mode: 'directory', start: t - 3_600_000, end: t + 3_600_000 });
    const byName = Object.fromEntries((await service.listStreams()).map((s) => [s.name, s.sessionIds]));
    expect(byName).toEqual({ shop: ['root', 'subdir'], 'shop · checkout-fix': ['fix'] });
  });
});
