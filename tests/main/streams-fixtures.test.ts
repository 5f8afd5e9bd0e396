import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { directoryStreamId } from '../../src/core/streams/stream-id';

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
  it('makes one stream for the main checkout (master) and one per worktree branch, all under project spotter', async () => {
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
    const streams = await service.listStreams();
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
    expect(streams.every((s) => s.source === 'directory')).toBe(true);
    // Claude Code wrote each checkout's branch on its records: master in the main checkout,
    // spotter-gqc (…) in the worktrees. A feature branch is sure of its work; master mixes topics.
    const branches = service.db
      .prepare(
        'SELECT DISTINCT project_path, git_branch, git_branch_share FROM sessions ORDER BY project_path',
      )
      .all();
    expect(branches).toEqual([
      {
        project_path: '/home/USER/projects/spotter-worktrees/spotter-4te',
        git_branch: 'spotter-4te',
        git_branch_share: 1,
      },
      {
        project_path: '/home/USER/projects/spotter-worktrees/spotter-dov',
        git_branch: 'spotter-dov',
        git_branch_share: 1,
      },
      {
        project_path: '/home/USER/projects/spotter-worktrees/spotter-gqc',
        git_branch: 'spotter-gqc',
        git_branch_share: 1,
      },
      { project_path: '/home/marco/projects/spotter', git_branch: 'master', git_branch_share: 1 },
    ]);
    const confidence = Object.fromEntries(streams.map((s) => [s.name, s.confidence]));
    expect(confidence).toEqual({
      spotter: 0.6,
      'spotter · 4te': 0.9,
      'spotter · dov': 0.9,
      'spotter · gqc': 0.9,
    });
    expect(streams.find((s) => s.name === 'spotter · gqc')!.id).toBe(
      directoryStreamId('spotter/@spotter-gqc'),
    );

    // Again: nothing changes.
    const again = await service.inferStreams({ mode: 'directory' });
    expect(again).toMatchObject({ streamsCreated: 0, streamsUpdated: 0, streamsRemoved: 0 });
    expect(await service.listStreams()).toEqual(streams);
  });
});
