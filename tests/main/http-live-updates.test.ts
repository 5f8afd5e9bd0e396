import { describe, expect, it, vi } from 'vitest';
import type { ServiceEvent } from '../../src/shared/api';
import { watchDatabase } from '../../src/main/live/database-watcher';
import { runPeriodically } from '../../src/main/live/periodic';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';

describe('live updates', () => {
  it('announces a change committed by another connection, and not before', async () => {
    const dataDir = tempDir();
    const app = TtService.open({ dataDir });
    const cli = TtService.open({ dataDir });
    const seen: ServiceEvent[] = [];
    const stop = watchDatabase(app.db, (event) => seen.push(event), { intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]);
    await cli.updateSettings({ attentionWindowMinutes: 7 });
    await vi.waitFor(() => expect(seen.length, 'a change event').toBeGreaterThan(0), {
      timeout: 4_000,
      interval: 20,
    });
    expect(seen[0]).toMatchObject({ type: 'changed' });
    expect((seen[0] as { topics: string[] }).topics).toContain('settings');
    expect((await app.getSettings()).attentionWindowMinutes).toBe(7);
    stop();
    cli.close();
    app.close();
  });

  it('does not announce the watching connection’s own writes (the service does that)', async () => {
    const app = TtService.open({ dataDir: tempDir() });
    const seen: ServiceEvent[] = [];
    const stop = watchDatabase(app.db, (event) => seen.push(event), { intervalMs: 20 });
    await app.updateSettings({ attentionWindowMinutes: 8 });
    await new Promise((r) => setTimeout(r, 120));
    expect(seen).toEqual([]);
    stop();
    app.close();
  });

  it('imports events periodically, reports real failures and keeps going', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const stop = runPeriodically(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
        return { imported: 1, duplicates: 0, skipped: {}, warnings: [] };
      },
      { intervalMs: 10, onError: (e) => errors.push(e) },
    );
    await vi.waitFor(() => expect(calls, 'three imports').toBeGreaterThanOrEqual(3), {
      timeout: 4_000,
      interval: 20,
    });
    // The failure was reported once, and the loop carried on importing after it.
    stop();
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
  });
});
