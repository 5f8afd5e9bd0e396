import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAnthropic, sessionIdsInPrompt, streamsReply } from '../helpers/fake-anthropic';
import { tempDir } from '../helpers/temp';
import { SYNC_RANGE, expectConverged, indexAndInfer, iso, seedThreeMachines } from '../helpers/sync-machines';

// Issue 23: an inference run is one undoable edit on the machine that ran it. It is not synced
// as an edit (its writes would count as a person's word on the other machines); undoing it
// there brings that machine back to what every machine agrees on.
describe('an inference run, its undo and sync', { timeout: 600_000 }, () => {
  const fake = new FakeAnthropic();
  beforeAll(async () => {
    await fake.start();
    fake.fallback = (request) =>
      streamsReply([
        {
          id: 'all',
          name: 'Morning with Claude',
          session_ids: sessionIdsInPrompt(request.prompt),
          confidence: 0.8,
          rationale: 'one morning of work',
        },
      ]);
  });
  afterAll(() => fake.close());

  it('keeps Claude’s streams on the machine that asked, and converges again after its undo', async () => {
    const [m0, m1] = seedThreeMachines({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.baseURL,
      TT_LLM_RETRY_BASE_MS: '1',
    });
    const machines = [m0, m1];
    const folder = tempDir('tt-sync-folder-');
    const syncBoth = async () => {
      for (let pass = 0; pass < 2; pass++) {
        for (const machine of machines) await machine.ok(['sync', '--folder', folder]);
      }
    };
    for (const machine of machines) await indexAndInfer(machine, SYNC_RANGE);
    await syncBoth();
    const offline = await expectConverged(machines, 'offline');

    await m0.ok(['infer', '--llm', '--start', iso(SYNC_RANGE.start), '--end', iso(SYNC_RANGE.end)]);
    await syncBoth();
    const names = async (machine: typeof m0) =>
      (JSON.parse((await machine.ok(['streams', 'list', '--json'])).stdout) as { name: string }[]).map(
        (s) => s.name,
      );
    expect(await names(m0)).toContain('Morning with Claude');
    // The other machine keeps its own streams: Claude's run is not a person's word there.
    expect(await names(m1)).not.toContain('Morning with Claude');

    const undone = await m0.ok(['streams', 'undo']);
    expect(undone.stdout).toMatch(/^undid: Inference with Claude of /);
    await syncBoth();
    const back = await expectConverged(machines, 'after the undo on m0');
    expect(back.map((s) => [s.name, [...s.sessionIds].sort()]).sort()).toEqual(
      offline.map((s) => [s.name, [...s.sessionIds].sort()]).sort(),
    );

    await m0.ok(['streams', 'redo']);
    expect(await names(m0)).toContain('Morning with Claude');
  });
});
