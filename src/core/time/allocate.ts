// The one allocation of a period's time that the timeline, the stream list and every report
// share, so their numbers cannot disagree. Pure: the loader brings the data (see allocation-margins.ts
// for what it must bring), this decides what it means.

import type { Allocation, AllocationInput, StreamAllocation, StreamKey } from './allocation-types';
import { allocateAttention } from './attention';
import { allocateDelegation } from './delegation';
import { measure, union, type Interval } from './intervals';

/** Most direct time first, then most delegated; unassigned after streams with equal time. */
export function compareStreamAllocations(a: StreamAllocation, b: StreamAllocation): number {
  if (a.directMs !== b.directMs) return b.directMs - a.directMs;
  if (a.delegatedMs !== b.delegatedMs) return b.delegatedMs - a.delegatedMs;
  if (a.streamId === b.streamId) return 0;
  if (a.streamId === null) return 1;
  if (b.streamId === null) return -1;
  return a.streamId < b.streamId ? -1 : 1;
}

export function allocateTime(input: AllocationInput): Allocation {
  const { period } = input;
  if (!(period.end > period.start)) {
    return {
      period,
      streams: [],
      totals: { directMs: 0, delegatedMs: 0, waitingMs: 0, activeMs: 0, sessionCount: 0 },
    };
  }
  const direct = allocateAttention(input.signals, input.breaks, {
    period,
    attentionWindowMs: input.attentionWindowMs,
  });
  const delegation = allocateDelegation(input.spans, { period, sessionTimeoutMs: input.sessionTimeoutMs });

  const keys = new Set<StreamKey>([...direct.keys(), ...delegation.keys()]);
  const streams: StreamAllocation[] = [];
  const everything: Interval[] = [];
  const allRoots = new Set<string>();
  for (const streamId of keys) {
    const directIntervals = direct.get(streamId) ?? [];
    const delegated = delegation.get(streamId);
    const delegatedIntervals = delegated?.delegated ?? [];
    const waitingIntervals = delegated?.waiting ?? [];
    for (const interval of directIntervals) everything.push(interval);
    for (const interval of delegatedIntervals) everything.push(interval);
    for (const root of delegated?.rootSessionIds ?? []) allRoots.add(root);
    streams.push({
      streamId,
      direct: directIntervals,
      delegated: delegatedIntervals,
      waiting: waitingIntervals,
      directMs: measure(directIntervals),
      delegatedMs: measure(delegatedIntervals),
      waitingMs: measure(waitingIntervals),
      sessionIds: [...(delegated?.sessionIds ?? [])].sort(),
      sessionCount: delegated?.rootSessionIds.size ?? 0,
    });
  }
  streams.sort(compareStreamAllocations);

  let directMs = 0;
  let delegatedMs = 0;
  let waitingMs = 0;
  for (const stream of streams) {
    directMs += stream.directMs;
    delegatedMs += stream.delegatedMs;
    waitingMs += stream.waitingMs;
  }
  return {
    period,
    streams,
    totals: {
      directMs,
      delegatedMs,
      waitingMs,
      activeMs: measure(union(everything)),
      sessionCount: allRoots.size,
    },
  };
}
