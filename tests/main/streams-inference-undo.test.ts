import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { FakeAnthropic, sessionIdsInPrompt, streamsReply } from '../helpers/fake-anthropic';
import { seedSessions } from '../helpers/seed-sessions';
import { tempDir } from '../helpers/temp';

// Issue 23: undoing an inference run after work was placed in one of its streams since (the
// quiet placement after an index) takes the run back and keeps that work where it is.
const H = 3600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

let fake: FakeAnthropic;
const open: TtService[] = [];
beforeEach(async () => {
  fake = await new FakeAnthropic().start();
  fake.fallback = (request) =>
    streamsReply([
      { id: 'x', name: 'Claude X', session_ids: sessionIdsInPrompt(request.prompt), confidence: 0.8 },
    ]);
});
afterEach(async () => {
  for (const service of open.splice(0)) service.close();
  await fake.close();
});

describe('undo of an inference run', () => {
  it('keeps a stream of the run that later work still holds, and takes back the rest', async () => {
    const service = TtService.open({
      dataDir: tempDir(),
      env: { HOME: '/nonexistent', ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.baseURL },
      now: () => T0 + 48 * H,
      inferNewSessions: true,
    });
    open.push(service);
    seedSessions(service.db, [
      { sessionId: 'parent', projectPath: '/home/u/code/api', start: T0 + H, end: T0 + 2 * H },
    ]);
    const run = await service.inferStreams({ mode: 'llm', start: T0, end: T0 + 24 * H });
    expect(run.edit).toMatch(/^Inference with Claude of \d/);
    const claude = (await service.listStreams()).find((s) => s.name === 'Claude X')!;
    expect(claude.sessionIds).toEqual(['parent']);

    // A subagent of it, indexed after the run, follows its parent into Claude's stream.
    seedSessions(service.db, [
      {
        sessionId: 'parent/agent-1',
        parentSessionId: 'parent',
        projectPath: '/home/u/code/api',
        start: T0 + H,
        end: T0 + 1.5 * H,
      },
    ]);
    await service.indexInBackground();
    expect((await service.listStreams()).find((s) => s.id === claude.id)!.sessionIds).toEqual([
      'parent',
      'parent/agent-1',
    ]);
    const why = await service.sessionDetails({ sessionId: 'parent/agent-1', start: T0, end: T0 + 24 * H });
    expect(why.placement?.reason).toBe('it follows its parent session, which Claude grouped');

    expect((await service.undo()).undone).toBe(run.edit);
    const after = await service.listStreams();
    expect(after.find((s) => s.id === claude.id)!.sessionIds).toEqual(['parent/agent-1']);
    expect(
      (await service.sessionDetails({ sessionId: 'parent', start: T0, end: T0 + 24 * H })).placement,
    ).toBe(null);
  });
});
