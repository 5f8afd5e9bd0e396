// The one allocation of a period's time that the timeline, the stream list and every report
// share, so their numbers cannot disagree. Pure: the loader brings the data (see allocation-margins.ts
// for what it must bring), this decides what it means.

import type { Allocation, AllocationInput, StreamAllocation, StreamKey } from './allocation-types';
import { allocateAttention } from './attention';
import { allocateDelegation } from './delegation';
import { clip, measure, subtract, union, type Interval } from './intervals';

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
  const manual = manualIntervals(input);
  const direct = withManualTime(
    allocateAttention(input.signals, input.breaks, { period, attentionWindowMs: input.attentionWindowMs }),
    manual,
  );
  const delegation = allocateDelegation(input.spans, { period, sessionTimeoutMs: input.sessionTimeoutMs });

  const keys = new Set<StreamKey>([...direct.keys(), ...delegation.keys(), ...manual.keys()]);
  const streams: StreamAllocation[] = [];
  const everything: Interval[] = [];
  const allRoots = new Set<string>();
  for (const streamId of keys) {
    const directIntervals = direct.get(streamId) ?? [];
    const delegated = delegation.get(streamId);
    const delegatedIntervals = delegated?.delegated ?? [];
    const waitingIntervals = delegated?.waiting ?? [];
    const manualOwn = manual.get(streamId) ?? [];
    for (const interval of directIntervals) everything.push(interval);
    for (const interval of delegatedIntervals) everything.push(interval);
    for (const root of delegated?.rootSessionIds ?? []) allRoots.add(root);
    streams.push({
      streamId,
      direct: directIntervals,
      delegated: delegatedIntervals,
      waiting: waitingIntervals,
      manual: manualOwn,
      directMs: measure(directIntervals),
      delegatedMs: measure(delegatedIntervals),
      waitingMs: measure(waitingIntervals),
      manualMs: measure(manualOwn),
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

/** Each stream's entries added by hand, clipped to the period, sorted and disjoint. */
function manualIntervals(input: AllocationInput): Map<StreamKey, Interval[]> {
  const byStream = new Map<StreamKey, Interval[]>();
  for (const entry of input.manual ?? []) {
    const piece = clip(entry.start, entry.end, input.period.start, input.period.end);
    if (!piece) continue;
    const list = byStream.get(entry.streamId);
    if (list) list.push(piece);
    else byStream.set(entry.streamId, [piece]);
  }
  for (const [key, list] of byStream) byStream.set(key, union(list));
  return byStream;
}

/**
 * Time added by hand is the person's word about where their attention was: it replaces what
 * the signals said for that stretch (in every stream), so direct time stays one stream at a time.
 */
function withManualTime(
  direct: Map<StreamKey, Interval[]>,
  manual: Map<StreamKey, Interval[]>,
): Map<StreamKey, Interval[]> {
  if (manual.size === 0) return direct;
  const all = union([...manual.values()].flat());
  const result = new Map<StreamKey, Interval[]>();
  for (const [key, intervals] of direct) {
    const left = subtract(intervals, all);
    if (left.length > 0) result.set(key, left);
  }
  for (const [key, intervals] of manual) result.set(key, union([...(result.get(key) ?? []), ...intervals]));
  return result;
}
