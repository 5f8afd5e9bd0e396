import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateTime } from '../../src/core/time/allocate';
import type {
  ActivitySpan,
  Allocation,
  AllocationInput,
  AttentionSignal,
  SignalKind,
  SpanKind,
  StreamKey,
} from '../../src/core/time/allocation-types';
import { allocationMargins } from '../../src/core/time/allocation-margins';
import { measure, union, type Interval } from '../../src/core/time/intervals';

// Random days of activity, in whole minutes so that ties (same millisecond, a gap exactly
// as long as the timeout, a signal exactly one window before the period) happen often.
const MIN = 60_000;
const DAY_MIN = 24 * 60;
const STREAMS: StreamKey[] = ['a', 'b', 'c', null];
const RUNS = 2_000;

const minute = fc.integer({ min: -120, max: DAY_MIN + 120 });
const streamKey = fc.constantFrom(...STREAMS);

const signalArb = fc.record({
  ts: minute.map((m) => m * MIN),
  kind: fc.constantFrom<SignalKind>('prompt', 'focus', 'scroll'),
  streamId: streamKey,
});

// Sessions have one stream and at most one parent, as the loader gives them.
const sessionArb = fc.record({
  streamId: streamKey,
  parent: fc.option(fc.constantFrom('s0', 's1'), { nil: null }),
  spans: fc.array(
    fc.record({
      interval: fc
        .tuple(minute, fc.integer({ min: 0, max: 180 }))
        .map(([m, len]) => [m * MIN, (m + len) * MIN] as Interval),
      kind: fc.constantFrom<SpanKind>('agent', 'agent', 'handback', 'pending'),
      joinKey: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

const inputArb = fc
  .record({
    from: fc.integer({ min: 0, max: DAY_MIN - 1 }),
    length: fc.integer({ min: 1, max: DAY_MIN }),
    signals: fc.array(signalArb, { maxLength: 60 }),
    breaks: fc.array(
      minute.map((m) => m * MIN),
      { maxLength: 8 },
    ),
    sessions: fc.array(sessionArb, { maxLength: 6 }),
    windowMin: fc.integer({ min: 1, max: 30 }),
    timeoutMin: fc.integer({ min: 5, max: 90 }),
  })
  .map(({ from, length, signals, breaks, sessions, windowMin, timeoutMin }): AllocationInput => {
    const spans: ActivitySpan[] = sessions.flatMap((session, i) =>
      session.spans.map(({ interval: [start, end], kind, joinKey }) => ({
        kind,
        joinKey,
        sessionId: `s${i}`,
        parentSessionId: session.parent === `s${i}` ? null : session.parent,
        streamId: session.streamId,
        start,
        end,
      })),
    );
    return {
      period: { start: from * MIN, end: (from + length) * MIN },
      signals,
      breaks,
      spans,
      attentionWindowMs: windowMin * MIN,
      sessionTimeoutMs: timeoutMin * MIN,
    };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

type Totals = { direct: number; delegated: number; waiting: number };

function totalsByStream(allocations: Allocation[]): Map<StreamKey, Totals> {
  const totals = new Map<StreamKey, Totals>();
  for (const allocation of allocations) {
    for (const s of allocation.streams) {
      const t = totals.get(s.streamId) ?? { direct: 0, delegated: 0, waiting: 0 };
      t.direct += s.directMs;
      t.delegated += s.delegatedMs;
      t.waiting += s.waitingMs;
      totals.set(s.streamId, t);
    }
  }
  for (const [key, t] of totals)
    if (t.direct === 0 && t.delegated === 0 && t.waiting === 0) totals.delete(key);
  return totals;
}

/**
 * An independent, minute-by-minute reading of the attention rule: at minute m, attention is on
 * the winner of the latest signals at or before m, if they are less than a window old and no
 * break came after them.
 */
function directByMinute(input: AllocationInput): Map<StreamKey, number> {
  const strength = { scroll: 0, focus: 1, prompt: 2 };
  const rank = (s: AttentionSignal): [number, number, string] => [
    strength[s.kind],
    s.streamId === null ? 0 : 1,
    s.streamId ?? '',
  ];
  const better = (a: AttentionSignal, b: AttentionSignal): boolean => {
    const [ka, na, ia] = rank(a);
    const [kb, nb, ib] = rank(b);
    if (ka !== kb) return ka > kb;
    if (na !== nb) return na > nb;
    return ia < ib;
  };
  const result = new Map<StreamKey, number>();
  for (let t = input.period.start; t < input.period.end; t += MIN) {
    const latest = Math.max(...input.signals.filter((s) => s.ts <= t).map((s) => s.ts));
    if (!Number.isFinite(latest) || t >= latest + input.attentionWindowMs) continue;
    if (input.breaks.some((b) => b > latest && b <= t)) continue;
    const group = input.signals.filter((s) => s.ts === latest);
    const winner = group.reduce((w, s) => (better(s, w) ? s : w));
    result.set(winner.streamId, (result.get(winner.streamId) ?? 0) + MIN);
  }
  return result;
}

describe('allocateTime invariants over random days', () => {
  it('Σ direct ≤ wall-clock time with activity ≤ period length; nothing outside the period', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateTime(input);
        const { start, end } = input.period;
        const allDirect: Interval[] = [];
        for (const s of result.streams) {
          for (const list of [s.direct, s.delegated, s.waiting]) {
            for (const [a, b] of list) {
              expect(a).toBeGreaterThanOrEqual(start);
              expect(b).toBeLessThanOrEqual(end);
              expect(b).toBeGreaterThan(a);
            }
            // sorted and disjoint within a stream
            expect(union(list)).toEqual(list);
          }
          for (const interval of s.direct) allDirect.push(interval);
          // waiting never adds to delegated time: an agent of the stream working is not waiting
          expect(measure(union([...s.delegated, ...s.waiting]))).toBe(s.delegatedMs + s.waitingMs);
          expect(s.waitingMs).toBe(measure(s.waiting));
          expect(s.waitingMs).toBeGreaterThanOrEqual(0);
          expect(s.delegatedMs).toBeGreaterThanOrEqual(0);
          expect(s.directMs).toBeGreaterThanOrEqual(0);
        }
        // at most one stream holds direct time at any moment
        expect(measure(union(allDirect))).toBe(result.totals.directMs);
        expect(result.totals.directMs).toBeLessThanOrEqual(result.totals.activeMs);
        expect(result.totals.activeMs).toBeLessThanOrEqual(end - start);
        expect(result.totals.delegatedMs).toBe(result.streams.reduce((sum, s) => sum + s.delegatedMs, 0));
        expect(result.totals.waitingMs).toBe(result.streams.reduce((sum, s) => sum + s.waitingMs, 0));
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on the order the inputs arrive in', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const reordered: AllocationInput = {
          ...input,
          signals: shuffled(input.signals, seed),
          breaks: shuffled(input.breaks, seed + 1),
          spans: shuffled(input.spans, seed + 2),
        };
        expect(allocateTime(reordered)).toEqual(allocateTime(input));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same totals for a period as for its two halves added', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, at) => {
        const { start, end } = input.period;
        const split = start + Math.floor((end - start) * at);
        const whole = allocateTime(input);
        const first = allocateTime({ ...input, period: { start, end: split } });
        const second = allocateTime({ ...input, period: { start: split, end } });
        expect(first.totals.directMs + second.totals.directMs).toBe(whole.totals.directMs);
        expect(first.totals.delegatedMs + second.totals.delegatedMs).toBe(whole.totals.delegatedMs);
        expect(first.totals.waitingMs + second.totals.waitingMs).toBe(whole.totals.waitingMs);
        expect(first.totals.activeMs + second.totals.activeMs).toBe(whole.totals.activeMs);
        expect(totalsByStream([first, second])).toEqual(totalsByStream([whole]));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same result from only what the loader fetches (so halves loaded apart still add up)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const w = allocationMargins(input.period, input);
        const fetched: AllocationInput = {
          ...input,
          signals: input.signals.filter((s) => s.ts >= w.signalsFrom && s.ts < w.signalsTo),
          breaks: input.breaks.filter((ts) => ts >= w.signalsFrom && ts < w.signalsTo),
          spans: input.spans.filter(
            (s) => s.end >= w.spansFrom && s.start <= w.spansTo && s.start >= w.spansStartFrom,
          ),
        };
        expect(allocateTime(fetched)).toEqual(allocateTime(input));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with a minute-by-minute reading of the attention rule', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateTime(input);
        const expected = directByMinute(input);
        const actual = new Map(
          result.streams.filter((s) => s.directMs > 0).map((s) => [s.streamId, s.directMs]),
        );
        expect(actual).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
