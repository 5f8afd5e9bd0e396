import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERACTIVE_HOST, TtService } from '../../src/main/service';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

// A new user presses Index now once and should see streams, not one "Unassigned" lane: the app
// and the dashboard infer streams by project for the sessions no stream covers yet.
async function openService(options: { inferNewSessions: boolean }) {
  const root = join(tempDir(), 'projects');
  cpSync(CLAUDE_FIXTURE_ROOT, root, { recursive: true });
  const service = TtService.open({
    dataDir: tempDir(),
    env: { HOME: tempDir() },
    indexing: { workerPath: null },
    inferNewSessions: options.inferNewSessions,
  });
  await service.updateSettings({ projectRoots: [root] });
  return service;
}

const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };

describe('streams after an index', () => {
  it('the first index of the app places every session in a stream by project, and says where they are', async () => {
    const service = await openService(INTERACTIVE_HOST);
    const result = await service.indexSessions();
    expect(result.placed?.sessions).toBe(12);
    expect(result.placed?.streams).toBeGreaterThan(1);
    // The span of the new sessions: 10–12 February 2026.
    expect(new Date(result.placed!.start).toISOString().slice(0, 10)).toBe('2026-02-10');
    expect(new Date(result.placed!.end).toISOString().slice(0, 10)).toBe('2026-02-12');
    const timeline = await service.timeline(FEBRUARY);
    expect(timeline.lanes.length).toBeGreaterThan(1);
    expect(timeline.lanes.every((lane) => lane.streamId !== null && lane.name.startsWith('spotter'))).toBe(
      true,
    );
    expect((await service.status()).latestActivity).toBe(result.placed!.end);
    service.close();
  });

  it('later indexes place only new sessions: a person’s move stays, and nothing new means nothing placed', async () => {
    const service = await openService(INTERACTIVE_HOST);
    await service.indexSessions();
    const streams = await service.listStreams();
    const [from, to] = streams;
    const moved = from!.sessionIds[0]!;
    await service.moveSession({ sessionId: moved, streamId: to!.id });
    const again = await service.indexInBackground();
    expect(again.placed).toBeNull();
    const after = await service.listSessions({ streamId: to!.id });
    expect(after.map((s) => s.sessionId)).toContain(moved);
    service.close();
  });

  it('the command line keeps indexing and inference apart', async () => {
    const service = await openService({ inferNewSessions: false });
    const result = await service.indexSessions();
    expect(result.placed).toBeUndefined();
    expect(await service.listStreams()).toEqual([]);
    service.close();
  });
});
