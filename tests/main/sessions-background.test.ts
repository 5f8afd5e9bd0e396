import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/shared/api';
import { TtService } from '../../src/main/service';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

// The app and the dashboard index in the background every few minutes; a person should
// notice new sessions appearing, and nothing else: no progress bar, no "finished" toast.
function openService() {
  const service = TtService.open({
    dataDir: tempDir(),
    env: { HOME: tempDir() },
    indexing: { workerPath: null },
  });
  void service.updateSettings({ projectRoots: [CLAUDE_FIXTURE_ROOT] });
  const events: ServiceEvent[] = [];
  service.onEvent((event) => events.push(event));
  return { service, events };
}

describe('background indexing', () => {
  it('indexes without announcing itself, and tells views only when sessions changed', async () => {
    const { service, events } = openService();
    const first = await service.indexInBackground();
    expect(first.sessionsWritten).toBe(12);
    expect(events).toEqual([{ type: 'changed', topics: ['sessions'] }]);

    events.length = 0;
    const again = await service.indexInBackground();
    expect(again.filesUnchanged).toBe(12);
    expect(events).toEqual([]);
    service.close();
  });

  it('an Index now during a background run still runs where the person can see it', async () => {
    const { service, events } = openService();
    // Not awaited: Index now is asked while the background run is still reading.
    const background = service.indexInBackground();
    const asked = await service.indexSessions();
    expect((await background).sessionsWritten).toBe(12);
    expect(asked.filesUnchanged).toBe(12);
    expect(events.filter((e) => e.type === 'task-finished')).toEqual([
      { type: 'task-finished', task: 'index', ok: true, summary: '0 indexed, 12 unchanged, 0 skipped' },
    ]);
    service.close();
  });
});
