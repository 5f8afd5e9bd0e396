import { describe, expect, it } from 'vitest';
import { allocateTime } from '../../src/core/time/allocate';
import type { AllocationInput } from '../../src/core/time/allocation-types';
import { sessionTime } from '../../src/core/time/session-time';

const MIN = 60_000;

function input(): AllocationInput {
  return {
    period: { start: 0, end: 120 * MIN },
    attentionWindowMs: 5 * MIN,
    sessionTimeoutMs: 30 * MIN,
    breaks: [],
    signals: [
      { ts: 0, kind: 'prompt', streamId: 's', sessionId: 'a' },
      { ts: 3 * MIN, kind: 'focus', streamId: 's' },
      { ts: 6 * MIN, kind: 'prompt', streamId: 's', sessionId: 'b' },
      { ts: 40 * MIN, kind: 'prompt', streamId: 'other', sessionId: 'c' },
    ],
    spans: [
      {
        kind: 'agent',
        joinKey: 1,
        sessionId: 'a',
        parentSessionId: null,
        streamId: 's',
        start: 0,
        end: 4 * MIN,
      },
      {
        kind: 'handback',
        joinKey: 1,
        sessionId: 'a',
        parentSessionId: null,
        streamId: 's',
        start: 4 * MIN,
        end: 10 * MIN,
      },
      {
        kind: 'agent',
        joinKey: 2,
        sessionId: 'a/agent-x',
        parentSessionId: 'a',
        streamId: 's',
        start: 2 * MIN,
        end: 7 * MIN,
      },
      {
        kind: 'agent',
        joinKey: 1,
        sessionId: 'b',
        parentSessionId: null,
        streamId: 's',
        start: 6 * MIN,
        end: 9 * MIN,
      },
    ],
  };
}

describe('a session’s share of the allocation', () => {
  it('holds its stream’s direct time from its prompts until another session of the stream prompts', () => {
    const all = allocateTime(input());
    const a = sessionTime(input(), all, 'a');
    const b = sessionTime(input(), all, 'b');
    // The stream's direct time is 0–11 min (prompt, focus at 3, prompt at 6, 5 min window).
    expect(all.streams.find((s) => s.streamId === 's')!.directMs).toBe(11 * MIN);
    expect(a.directMs).toBe(6 * MIN);
    expect(b.directMs).toBe(5 * MIN);
    expect(a.directMs + b.directMs).toBe(11 * MIN);
  });

  it('counts its own turns and its subagents’ as delegated, and its waits not covered by them', () => {
    const all = allocateTime(input());
    expect(sessionTime(input(), all, 'a')).toMatchObject({ delegatedMs: 7 * MIN, waitingMs: 3 * MIN });
    expect(sessionTime(input(), all, 'c')).toEqual({ directMs: 5 * MIN, delegatedMs: 0, waitingMs: 0 });
    expect(sessionTime(input(), all, 'nobody')).toEqual({ directMs: 0, delegatedMs: 0, waitingMs: 0 });
  });
});
