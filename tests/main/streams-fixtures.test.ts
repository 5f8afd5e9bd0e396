import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';

// The real transcripts from marot/spotter: three sessions in the main checkout
// (/home/marco/projects/spotter) and one in each of three git worktrees
// (/home/USER/projects/spotter-worktrees/spotter-{gqc,4te,dov}), each with subagents.
// None of those directories exist here, so identity falls back to the path.
const ROOT = CLAUDE_FIXTURE_ROOT;

const open: TtService[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.close();
});

describe('directory inference on the real spotter transcripts', () => {
  it('makes one stream for the main checkout and one per worktree, all under project spotter', async () => {
    const service = TtService.open({
      dataDir: tempDir(),
      env: { HOME: '/nonexistent' },
      now: () => Date.parse('2026-02-14T00:00:00Z'),
    });
    open.push(service);
    await service.indexSessions({ roots: [ROOT] });
    const sessions = await service.listSessions({});
    expect(sessions).toHaveLength(12);

    const result = await service.inferStreams({ mode: 'directory' });
    expect(result.streamsCreated).toBe(4);
    const streams = service.streams.list();
    const byName = Object.fromEntries(streams.map((s) => [s.name, new Set(s.sessionIds)]));
    expect(Object.keys(byName).sort()).toEqual([
      'spotter',
      'spotter · 4te',
      'spotter · dov',
      'spotter · gqc',
    ]);

    const mainIds = sessions
      .filter((s) => s.projectPath === '/home/marco/projects/spotter')
      .map((s) => s.sessionId);
    expect(mainIds).toHaveLength(3);
    expect(byName.spotter).toEqual(new Set(mainIds));
    for (const worktree of ['gqc', '4te', 'dov']) {
      const path = `/home/USER/projects/spotter-worktrees/spotter-${worktree}`;
      const own = sessions.filter((s) => s.projectPath === path);
      // the worktree's session and its two subagents
      expect(own).toHaveLength(3);
      expect(own.filter((s) => s.isSubagent)).toHaveLength(2);
      expect(byName[`spotter · ${worktree}`]).toEqual(new Set(own.map((s) => s.sessionId)));
    }
    expect(streams.every((s) => s.confidence === 1 && s.source === 'directory')).toBe(true);

    // Again: nothing changes.
    const again = await service.inferStreams({ mode: 'directory' });
    expect(again).toMatchObject({ streamsCreated: 0, streamsUpdated: 0, streamsRemoved: 0 });
    expect(service.streams.list()).toEqual(streams);
  });
});
