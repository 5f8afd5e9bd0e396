import { describe, expect, it } from 'vitest';
import { allocateTime } from '../../src/core/time/allocate';
import type { AllocationInput } from '../../src/core/time/allocation-types';
import { regroupBySession } from '../../src/core/time/regroup-by-session';

const MIN = 60_000;

// One stream "s", two sessions of two agents: claude works 0–20, codex 30–60. A focus at 40
// belongs to whatever the person was looking at then: the codex session, the stream's latest.
const input: AllocationInput = {
  period: { start: 0, end: 120 * MIN },
  signals: [
    { ts: 0, kind: 'prompt', streamId: 's', sessionId: 'c1' },
    { ts: 30 * MIN, kind: 'prompt', streamId: 's', sessionId: 'x1' },
    { ts: 40 * MIN, kind: 'focus', streamId: 's' },
  ],
  breaks: [],
  spans: [
    {
      kind: 'agent',
      joinKey: 0,
      sessionId: 'c1',
      parentSessionId: null,
      streamId: 's',
      start: 0,
      end: 20 * MIN,
    },
    {
      kind: 'agent',
      joinKey: 1,
      sessionId: 'x1',
      parentSessionId: null,
      streamId: 's',
      start: 30 * MIN,
      end: 60 * MIN,
    },
    // a subagent of c1 counts with its parent's agent
    {
      kind: 'agent',
      joinKey: 2,
      sessionId: 'c1/a',
      parentSessionId: 'c1',
      streamId: 's',
      start: 5 * MIN,
      end: 25 * MIN,
    },
  ],
  attentionWindowMs: 5 * MIN,
  sessionTimeoutMs: 30 * MIN,
};
const agentOf: Record<string, string> = { c1: 'claude-code', x1: 'codex' };

describe('regroupBySession', () => {
  it('splits one stream by agent, with the same totals as by stream', () => {
    const byStream = allocateTime(input);
    const byAgent = allocateTime(regroupBySession(input, (id) => agentOf[id] ?? null));
    const rows = Object.fromEntries(
      byAgent.streams.map((s) => [s.streamId, [s.directMs / MIN, s.delegatedMs / MIN]]),
    );
    expect(rows).toEqual({ 'claude-code': [5, 25], codex: [10, 30] });
    expect(byAgent.totals.directMs).toBe(byStream.totals.directMs);
    expect(byAgent.totals.delegatedMs).toBe(byStream.totals.delegatedMs);
  });
});
