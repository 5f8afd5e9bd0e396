import { describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { seedEvents, seedSession, seedStream } from '../helpers/time-seed';

// The timeline and the stream list of one range share one allocation, kept until the database
// changes: whoever changes it (this service, or another process on the same file), both views
// show the new numbers at the next call.

const MIN = 60_000;
const BASE = Date.UTC(2026, 10, 24, 14, 0);
const at = (minutes: number) => BASE + minutes * MIN;
const HOUR = { start: at(0), end: at(60) };

function seeded(dataDir: string): TtService {
  const service = TtService.open({ dataDir, env: {}, now: () => at(120) });
  seedStream(service.db, { id: 'alpha-stream', name: 'Alpha' });
  seedStream(service.db, { id: 'beta-stream', name: 'Beta' });
  seedSession(service.db, { id: 'session-one', streamId: 'alpha-stream', spans: [[at(0), at(40)]] });
  seedSession(service.db, { id: 'session-two', streamId: 'beta-stream', spans: [[at(10), at(30)]] });
  seedEvents(service.db, [{ ts: at(0), streamId: 'alpha-stream' }]);
  return service;
}

/** [stream, direct minutes, delegated minutes] from each view, by stream id. */
async function views(service: TtService) {
  const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
  const lanes = (await service.timeline(HOUR)).lanes.map((l) => [
    l.streamId,
    l.directMs / MIN,
    l.delegatedMs / MIN,
  ]);
  const list = (await service.listStreams(HOUR))
    .filter((s) => s.directMs + s.delegatedMs > 0)
    .map((s) => [s.id, s.directMs / MIN, s.delegatedMs / MIN]);
  return { lanes: lanes.sort(byId), list: list.sort(byId) };
}

describe('one allocation for the timeline and the stream list', () => {
  it('gives both the same totals, and both follow an edit made through the service', async () => {
    const service = seeded(tempDir());
    const before = await views(service);
    expect(before.lanes).toEqual([
      ['alpha-stream', 5, 40],
      ['beta-stream', 0, 20],
    ]);
    expect(before.list).toEqual(before.lanes);

    await service.moveSession({ sessionId: 'session-two', streamId: 'alpha-stream' });
    const after = await views(service);
    expect(after.lanes).toEqual([['alpha-stream', 5, 40]]);
    expect(after.list).toEqual(after.lanes);
    service.close();
  });

  it('shows what another process wrote to the same database', async () => {
    const dataDir = tempDir();
    const service = seeded(dataDir);
    expect((await views(service)).lanes).toEqual([
      ['alpha-stream', 5, 40],
      ['beta-stream', 0, 20],
    ]);

    const moved = await runTt(['streams', 'move', 'session-one', 'beta-stream'], {
      env: { TT_DATA_DIR: dataDir, TZ: 'UTC' },
    });
    expect(moved.exitCode, moved.stderr).toBe(0);
    const after = await views(service);
    expect(after.lanes).toEqual([
      ['alpha-stream', 5, 0],
      ['beta-stream', 0, 40],
    ]);
    expect(after.list).toEqual(after.lanes);
    service.close();
  });
});
