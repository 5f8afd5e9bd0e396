import { describe, expect, it } from 'vitest';
import { allocateTime } from '../../src/core/time/allocate';
import type {
  ActivitySpan,
  AllocationInput,
  AttentionSignal,
  SignalKind,
  StreamKey,
} from '../../src/core/time/allocation-types';

// All times are minutes after 14:00 on a fixed day, to keep the examples readable.
const BASE = Date.UTC(2026, 10, 24, 14, 0);
const MIN = 60_000;
const at = (minutes: number): number => BASE + minutes * MIN;

function signal(minutes: number, streamId: StreamKey, kind: SignalKind = 'focus'): AttentionSignal {
  return { ts: at(minutes), kind, streamId };
}

function span(
  sessionId: string,
  streamId: StreamKey,
  from: number,
  to: number,
  parentSessionId: string | null = null,
): ActivitySpan {
  return { kind: 'agent', joinKey: 0, sessionId, parentSessionId, streamId, start: at(from), end: at(to) };
}

function allocate(input: Partial<AllocationInput> & { from?: number; to?: number }) {
  return allocateTime({
    period: { start: at(input.from ?? 0), end: at(input.to ?? 60) },
    signals: input.signals ?? [],
    breaks: input.breaks ?? [],
    spans: input.spans ?? [],
    manual: input.manual ?? [],
    attentionWindowMs: input.attentionWindowMs ?? 5 * MIN,
    sessionTimeoutMs: input.sessionTimeoutMs ?? 30 * MIN,
  });
}

/** Per stream: [direct minutes, delegated minutes]. */
function minutes(allocation: ReturnType<typeof allocateTime>): Record<string, [number, number]> {
  return Object.fromEntries(
    allocation.streams.map((s) => [s.streamId ?? 'unassigned', [s.directMs / MIN, s.delegatedMs / MIN]]),
  );
}

/** Intervals as [from, to] minutes after 14:00. */
function asMinutes(intervals: [number, number][]): [number, number][] {
  return intervals.map(([a, b]) => [(a - BASE) / MIN, (b - BASE) / MIN]);
}

function stream(allocation: ReturnType<typeof allocateTime>, id: StreamKey) {
  const found = allocation.streams.find((s) => s.streamId === id);
  if (!found) throw new Error(`no allocation for stream ${String(id)}`);
  return found;
}

describe('allocateTime: the worked example from the design', () => {
  // 14:00–15:00: three agents run the whole hour in A, B and C; the person attends A for 20
  // minutes, B for 15, C for 10, and is away for the last 15.
  const spans = [
    // records every few minutes, with silences shorter than the session timeout
    span('sa', 'A', 0, 25),
    span('sa', 'A', 40, 60),
    span('sb', 'B', 0, 60),
    span('sc', 'C', 0, 10),
    span('sc', 'C', 12, 60),
  ];
  const signals = [
    signal(0, 'A'),
    signal(4, 'A', 'scroll'),
    signal(9, 'A', 'prompt'),
    signal(13, 'A', 'scroll'),
    signal(17, 'A', 'scroll'),
    signal(20, 'B'),
    signal(24, 'B', 'prompt'),
    signal(28, 'B', 'scroll'),
    signal(32, 'B', 'scroll'),
    signal(35, 'C'),
    signal(39, 'C', 'prompt'),
    signal(44, 'C', 'scroll'),
  ];

  it('gives A 20/60, B 15/60, C 10/60: 45 minutes direct, 180 delegated', () => {
    const result = allocate({ spans, signals, breaks: [at(45)] });
    expect(minutes(result)).toEqual({ A: [20, 60], B: [15, 60], C: [10, 60] });
    expect(result.totals.directMs).toBe(45 * MIN);
    expect(result.totals.delegatedMs).toBe(180 * MIN);
    expect(result.totals.activeMs).toBe(60 * MIN);
    expect(result.streams.map((s) => s.streamId)).toEqual(['A', 'B', 'C']);
    expect(asMinutes(stream(result, 'A').direct)).toEqual([[0, 20]]);
    expect(asMinutes(stream(result, 'B').direct)).toEqual([[20, 35]]);
    expect(asMinutes(stream(result, 'C').direct)).toEqual([[35, 45]]);
  });

  it('ends attention by the attention window when no idle period was recorded', () => {
    // Without the idle-start at 14:45, C's last scroll at 14:44 holds attention until 14:49.
    const result = allocate({ spans, signals });
    expect(minutes(result).C).toEqual([14, 60]);
  });
});

describe('allocateTime: direct time', () => {
  it('closes a focus that never ends at the end of the period', () => {
    const scrolling = [signal(50, 'A'), ...[53, 56, 59, 62, 65, 68].map((m) => signal(m, 'A', 'scroll'))];
    const result = allocate({ signals: scrolling });
    expect(asMinutes(stream(result, 'A').direct)).toEqual([[50, 60]]);
    const late = allocate({ signals: [signal(58, 'A')] });
    expect(asMinutes(stream(late, 'A').direct)).toEqual([[58, 60]]);
  });

  it('counts attention carried into the period from a signal just before it', () => {
    const result = allocate({ signals: [signal(-3, 'A')] });
    expect(asMinutes(stream(result, 'A').direct)).toEqual([[0, 2]]);
    expect(allocate({ signals: [signal(-5, 'A')] }).streams).toEqual([]);
  });

  it('moves attention at once when focus changes inside the attention window', () => {
    const result = allocate({ signals: [signal(0, 'A'), signal(2, 'B'), signal(4, 'A')] });
    expect(asMinutes(stream(result, 'A').direct)).toEqual([
      [0, 2],
      [4, 9],
    ]);
    expect(asMinutes(stream(result, 'B').direct)).toEqual([[2, 4]]);
    expect(result.totals.directMs).toBe(9 * MIN);
  });

  it('lets a signal for the same stream extend attention, and a gap longer than the window end it', () => {
    const result = allocate({
      signals: [signal(0, 'A'), signal(4, 'A', 'scroll'), signal(20, 'A', 'scroll')],
    });
    expect(asMinutes(stream(result, 'A').direct)).toEqual([
      [0, 9],
      [20, 25],
    ]);
  });

  it('resolves two focus events at the same millisecond the same way whatever their order', () => {
    const ab = allocate({ signals: [signal(0, 'A'), signal(0, 'B')] });
    const ba = allocate({ signals: [signal(0, 'B'), signal(0, 'A')] });
    expect(ab).toEqual(ba);
    // equal kinds: the stream id that sorts first holds attention; the other gets nothing
    expect(minutes(ab)).toEqual({ A: [5, 0] });
    // a prompt beats a focus event at the same millisecond
    expect(minutes(allocate({ signals: [signal(0, 'A'), signal(0, 'B', 'prompt')] }))).toEqual({ B: [5, 0] });
    // a named stream beats unassigned
    expect(minutes(allocate({ signals: [signal(0, null), signal(0, 'Z')] }))).toEqual({ Z: [5, 0] });
    // one focus at the same millisecond as another stream's scroll: focus wins
    expect(minutes(allocate({ signals: [signal(0, 'A', 'scroll'), signal(0, 'B')] }))).toEqual({ B: [5, 0] });
  });

  it('ends attention when the person goes idle, and a signal brings it back', () => {
    const result = allocate({
      signals: [signal(0, 'A'), signal(4, 'A', 'scroll'), signal(30, 'A')],
      breaks: [at(6), at(29)],
    });
    expect(asMinutes(stream(result, 'A').direct)).toEqual([
      [0, 6],
      [30, 35],
    ]);
    // a signal at the same millisecond as going idle is taken as presence
    const same = allocate({ signals: [signal(10, 'A')], breaks: [at(10)] });
    expect(asMinutes(stream(same, 'A').direct)).toEqual([[10, 15]]);
  });

  it('keeps events with no stream as unassigned direct time, never given to a stream', () => {
    const result = allocate({ signals: [signal(0, 'A'), signal(2, null), signal(10, null, 'scroll')] });
    expect(asMinutes(stream(result, 'A').direct)).toEqual([[0, 2]]);
    expect(asMinutes(stream(result, null).direct)).toEqual([
      [2, 7],
      [10, 15],
    ]);
    expect(result.totals.directMs).toBe(12 * MIN);
  });
});

describe('allocateTime: time added by hand', () => {
  const entry = (id: string, streamId: StreamKey, from: number, to: number) => ({
    id,
    streamId,
    start: at(from),
    end: at(to),
  });

  it('is direct time on its stream, replacing what the signals said for those minutes', () => {
    // Focus on A every 2 minutes from 14:00 to 14:30; a call on B from 14:10 to 14:20.
    const signals = Array.from({ length: 16 }, (_, i) => signal(i * 2, 'A'));
    const allocation = allocate({ signals, manual: [entry('m1', 'B', 10, 20)] });
    expect(asMinutes(stream(allocation, 'A').direct)).toEqual([
      [0, 10],
      [20, 35],
    ]);
    expect(asMinutes(stream(allocation, 'B').direct)).toEqual([[10, 20]]);
    expect(asMinutes(stream(allocation, 'B').manual)).toEqual([[10, 20]]);
    expect(stream(allocation, 'B').manualMs).toBe(10 * MIN);
    // never more direct time than the wall clock with activity
    expect(allocation.totals.directMs).toBe(35 * MIN);
    expect(allocation.totals.activeMs).toBe(35 * MIN);
  });

  it('counts on a stream with no other activity, and only inside the period', () => {
    const allocation = allocate({ manual: [entry('m1', 'C', -30, 15)], from: 0, to: 60 });
    expect(minutes(allocation)).toEqual({ C: [15, 0] });
  });
});

describe('allocateTime: delegated time', () => {
  it('clips a session that started before the period and ends after it', () => {
    const result = allocate({ spans: [span('s1', 'A', -90, 150)] });
    expect(asMinutes(stream(result, 'A').delegated)).toEqual([[0, 60]]);
    expect(stream(result, 'A').sessionCount).toBe(1);
    expect(result.totals.directMs).toBe(0);
  });

  it('stops a crashed session at its last record, not at the next record hours later', () => {
    const result = allocate({
      to: 6 * 60,
      spans: [span('s1', 'A', 0, 10), span('s1', 'A', 4 * 60, 4 * 60 + 5)],
    });
    expect(asMinutes(stream(result, 'A').delegated)).toEqual([
      [0, 10],
      [240, 245],
    ]);
    expect(result.totals.delegatedMs).toBe(15 * MIN);
  });

  it('joins silences up to the session timeout and splits longer ones', () => {
    const gap = (minutes: number) =>
      allocate({ to: 120, spans: [span('s1', 'A', 0, 10), span('s1', 'A', 10 + minutes, 80)] });
    expect(gap(30).totals.delegatedMs).toBe(80 * MIN);
    expect(gap(31).totals.delegatedMs).toBe(10 * MIN + 39 * MIN);
    expect(
      allocate({
        to: 120,
        spans: [span('s1', 'A', 0, 10), span('s1', 'A', 41, 80)],
        sessionTimeoutMs: 31 * MIN,
      }).totals.delegatedMs,
    ).toBe(80 * MIN);
  });

  it('bridges a silence that straddles the period start', () => {
    const result = allocate({ spans: [span('s1', 'A', -20, -10), span('s1', 'A', 10, 20)] });
    expect(asMinutes(stream(result, 'A').delegated)).toEqual([[0, 20]]);
  });

  it('counts a subagent working while its parent is silent as the parent stream’s delegated time', () => {
    const spans = [
      span('parent', 'A', 0, 5),
      span('parent', 'A', 50, 60),
      // the loader gives a subagent its parent's stream
      span('agent-1', 'A', 5, 50, 'parent'),
    ];
    const result = allocate({ spans });
    expect(asMinutes(stream(result, 'A').delegated)).toEqual([[0, 60]]);
    expect(stream(result, 'A').sessionCount).toBe(1);
    expect(stream(result, 'A').sessionIds).toEqual(['agent-1', 'parent']);
    // subagent records never create direct time
    expect(result.totals.directMs).toBe(0);
    // without the subagent, the parent's 45-minute silence would have ended its work
    expect(allocate({ spans: spans.slice(0, 2) }).totals.delegatedMs).toBe(15 * MIN);
  });

  it('does not double two agents in one stream, and adds agents in different streams', () => {
    const result = allocate({
      spans: [span('s1', 'A', 0, 40), span('s2', 'A', 20, 60), span('s3', 'B', 0, 30)],
    });
    expect(minutes(result)).toEqual({ A: [0, 60], B: [0, 30] });
    expect(result.totals.delegatedMs).toBe(90 * MIN);
    expect(result.totals.activeMs).toBe(60 * MIN);
    expect(stream(result, 'A').sessionCount).toBe(2);
  });

  it('reports sessions with no stream as unassigned delegated time', () => {
    const result = allocate({ spans: [span('s1', null, 0, 30), span('s2', 'A', 0, 30)] });
    expect(minutes(result)).toEqual({ A: [0, 30], unassigned: [0, 30] });
    expect(result.totals.delegatedMs).toBe(60 * MIN);
  });

  it('counts a session whose only record is inside the period, with no time', () => {
    const result = allocate({ spans: [span('s1', 'A', 30, 30)] });
    expect(stream(result, 'A').sessionCount).toBe(1);
    expect(stream(result, 'A').delegatedMs).toBe(0);
  });
});

describe('big inputs', () => {
  it('allocates 200k separate stretches of attention in one stream (no stack overflow)', () => {
    const n = 200_000;
    // One focus every 10 minutes, each held for the 5-minute window: n disjoint intervals.
    const signals = Array.from({ length: n }, (_, i) => signal(i * 10, 'big'));
    const allocation = allocate({ signals, to: n * 10 });
    const [stream] = allocation.streams;
    expect(stream!.direct).toHaveLength(n);
    expect(stream!.directMs).toBe(n * 5 * MIN);
  });
});
