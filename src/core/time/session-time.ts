// One session's share of a period's allocation, for its details: derived from the same
// allocation the timeline and reports use, never computed another way.
//
// Delegated and waiting: the delegation rule applied to the session's own turns (a session
// with subagents counts theirs too: they work for it). Direct: the person's attention knows
// only streams, so within its stream's direct time a session holds what follows one of its
// prompts until a prompt in another session of the stream (focus events in between keep it).

import type { Allocation, AllocationInput } from './allocation-types';
import { allocateDelegation } from './delegation';
import { clip, measure, union, type Interval } from './intervals';

export interface SessionTime {
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
}

export function sessionTime(input: AllocationInput, allocation: Allocation, sessionId: string): SessionTime {
  const own = input.spans.filter((s) => s.sessionId === sessionId || s.parentSessionId === sessionId);
  const delegation = allocateDelegation(
    own.map((s) => ({ ...s, streamId: null })),
    { period: input.period, sessionTimeoutMs: input.sessionTimeoutMs },
  ).get(null);
  const delegatedMs = measure(delegation?.delegated ?? []);
  const waitingMs = measure(delegation?.waiting ?? []);

  const prompts = input.signals.filter((s) => s.kind === 'prompt' && s.sessionId !== undefined);
  const streamId = prompts.find((s) => s.sessionId === sessionId)?.streamId;
  if (streamId === undefined) return { directMs: 0, delegatedMs, waitingMs };
  const streamDirect = allocation.streams.find((s) => s.streamId === streamId)?.direct ?? [];
  const held: Interval[] = [];
  const inStream = prompts.filter((s) => s.streamId === streamId).sort((a, b) => a.ts - b.ts);
  // From the last, so each of its prompts knows the next prompt of another session in one pass.
  let until = input.period.end;
  for (let i = inStream.length - 1; i >= 0; i--) {
    const prompt = inStream[i]!;
    if (prompt.sessionId !== sessionId) {
      until = prompt.ts;
      continue;
    }
    for (const [start, end] of streamDirect) {
      const piece = clip(start, end, prompt.ts, until);
      if (piece) held.push(piece);
    }
  }
  return { directMs: measure(union(held)), delegatedMs, waitingMs };
}
