import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import {
  FakeAnthropic,
  previousStreamId,
  promptData,
  sessionIdsInPrompt,
  streamsReply,
} from '../helpers/fake-anthropic';
import { tempDir } from '../helpers/temp';
import { messagesOn, writeTranscript } from '../helpers/transcripts';

// The LLM path on transcripts indexed for real, against the fake Messages API: the prompt gives
// each session's branch, a confidence outside [0, 1] is asked again, and a later window that
// gives continuing work a new id under the same name continues the stream.

const H = 3600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const RANGE = { start: T0, end: T0 + 48 * H };

let fake: FakeAnthropic;
const opened: TtService[] = [];
beforeEach(async () => {
  fake = await new FakeAnthropic().start();
  fake.fallback = () => ({ kind: 'status', status: 500, retryAfterMs: 1 });
});
afterEach(async () => {
  for (const service of opened.splice(0)) service.close();
  await fake.close();
});

/** Day 1: s1 on branch auth-refactor; day 2 (only in the second window): s2, same work. */
async function indexed(): Promise<TtService> {
  const root = tempDir();
  writeTranscript(root, {
    sessionId: 's1',
    cwd: '/home/u/code/app',
    messages: messagesOn('auth-refactor', T0 + 2 * H, 5),
  });
  writeTranscript(root, {
    sessionId: 's2',
    cwd: '/home/u/code/app',
    messages: messagesOn('auth-refactor', T0 + 30 * H, 5),
  });
  const service = TtService.open({
    dataDir: tempDir(),
    env: {
      HOME: '/nonexistent',
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.baseURL,
      TT_LLM_RETRY_BASE_MS: '1',
    },
    now: () => T0 + 48 * H,
  });
  opened.push(service);
  await service.indexSessions({ roots: [root] });
  return service;
}

const llmStreams = async (service: TtService) =>
  (await service.listStreams())
    .filter((s) => s.source === 'llm')
    .map((s) => ({ name: s.name, sessions: s.sessionIds, confidence: s.confidence }));

describe('LLM answers checked and continued', () => {
  it('asks again when a confidence is 5, instead of clamping it to high; the prompt gives the branch', async () => {
    const service = await indexed();
    fake.reply(
      streamsReply([{ id: 'a', name: 'Auth refactor', session_ids: ['s1'], confidence: 5 }]),
      streamsReply([{ id: 'a', name: 'Auth refactor', session_ids: ['s1'], confidence: 0.7 }]),
      streamsReply([{ id: 'b', name: 'Other', session_ids: ['s2'], confidence: 0.5 }]),
    );
    const result = await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(result.windows.every((w) => w.ok)).toBe(true);
    expect(fake.requests.map((r) => sessionIdsInPrompt(r.prompt))).toEqual([['s1'], ['s1'], ['s2']]);
    expect(promptData(fake.requests[0]!.prompt).sessions[0]).toMatchObject({
      id: 's1',
      project: 'app',
      branch: 'auth-refactor',
    });
    expect(await llmStreams(service)).toContainEqual({
      name: 'Auth refactor',
      sessions: ['s1'],
      confidence: 0.7,
    });
  });

  it('continues a stream whose name a later window repeats under a new id, instead of making a twin', async () => {
    const service = await indexed();
    fake.reply(
      streamsReply([{ id: 'auth', name: 'Auth refactor', session_ids: ['s1'], confidence: 0.9 }]),
      streamsReply([{ id: 'auth-v2', name: '  auth   REFACTOR ', session_ids: ['s2'], confidence: 0.8 }]),
    );
    await service.inferStreams({ mode: 'llm', ...RANGE });
    expect(fake.requests).toHaveLength(2);
    expect(previousStreamId(fake.requests[1]!.prompt, 'Auth refactor')).toMatch(/^[0-9a-f-]{36}$/);
    const streams = await llmStreams(service);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.sessions).toEqual(['s1', 's2']);

    // The run's proposals are kept: once the person confirms the stream, quality rests on both.
    const id = (await service.listStreams()).find((s) => s.source === 'llm')!.id;
    await service.confirmStream({ id });
    const quality = await service.streamQuality();
    expect(quality.reviewedSessions).toBe(2);
    expect(quality.sources.find((s) => s.source === 'llm')).toMatchObject({
      sessions: 2,
      latestRunAt: T0 + 48 * H,
      bcubed: { precision: 1, recall: 1, f1: 1 },
      pairwise: { f1: 1 },
    });
  });
});
