// Direct time: where the person's attention was, one stream at a time.
//
// A signal (pane focus, scroll, prompt) puts attention on its stream. Attention stays there
// until a signal for another stream moves it, a break (going idle, or coming back) ends it,
// the attention window passes without a signal for the stream that holds it, or the period
// ends. One sort and one sweep: O(n log n) in the number of signals and breaks.
//
// Signals at the same millisecond: exactly one of them holds attention afterwards, chosen
// without regard to input order: the strongest kind (prompt > focus > scroll), then a named
// stream over unassigned, then the stream id that sorts first. A break at the same
// millisecond as signals is applied before them (a signal is proof the person is there).

import type { AttentionSignal, SignalKind, StreamKey } from './allocation-types';
import { clip, type Interval } from './intervals';

const KIND_STRENGTH: Record<SignalKind, number> = { scroll: 0, focus: 1, prompt: 2 };

/** True when `a` wins over `b` at the same millisecond. */
function beats(a: AttentionSignal, b: AttentionSignal): boolean {
  const strength = KIND_STRENGTH[a.kind] - KIND_STRENGTH[b.kind];
  if (strength !== 0) return strength > 0;
  if (a.streamId === b.streamId) return false;
  if (a.streamId === null) return false;
  if (b.streamId === null) return true;
  return a.streamId < b.streamId;
}

export interface AttentionOptions {
  period: { start: number; end: number };
  attentionWindowMs: number;
}

/** Direct intervals per stream, clipped to the period; streams with none are absent. */
export function allocateAttention(
  signals: readonly AttentionSignal[],
  breaks: readonly number[],
  { period, attentionWindowMs }: AttentionOptions,
): Map<StreamKey, Interval[]> {
  const direct = new Map<StreamKey, Interval[]>();
  if (attentionWindowMs <= 0 || period.end <= period.start) return direct;

  // Nothing earlier than one window before the period can still hold attention in it.
  const from = period.start - attentionWindowMs;
  const sortedSignals = signals.filter((s) => s.ts >= from && s.ts < period.end).sort((a, b) => a.ts - b.ts);
  const sortedBreaks = breaks.filter((ts) => ts >= from && ts < period.end).sort((a, b) => a - b);

  let holder: StreamKey = null;
  let holding = false;
  let heldFrom = 0;
  let expiresAt = 0;

  const release = (at: number): void => {
    if (!holding) return;
    holding = false;
    const interval = clip(heldFrom, at, period.start, period.end);
    if (!interval) return;
    let list = direct.get(holder);
    if (!list) direct.set(holder, (list = []));
    const last = list.at(-1);
    if (last && last[1] === interval[0]) last[1] = interval[1];
    else list.push(interval);
  };

  let s = 0;
  let b = 0;
  while (s < sortedSignals.length || b < sortedBreaks.length) {
    const nextSignal = sortedSignals[s]?.ts ?? Infinity;
    const nextBreak = sortedBreaks[b] ?? Infinity;
    const t = Math.min(nextSignal, nextBreak);

    if (holding && expiresAt <= t) release(expiresAt);
    if (nextBreak === t) {
      release(t);
      while (sortedBreaks[b] === t) b++;
    }
    if (nextSignal === t) {
      let winner = sortedSignals[s]!;
      for (s++; sortedSignals[s]?.ts === t; s++) {
        if (beats(sortedSignals[s]!, winner)) winner = sortedSignals[s]!;
      }
      if (!holding || holder !== winner.streamId) {
        release(t);
        holder = winner.streamId;
        holding = true;
        heldFrom = t;
      }
      expiresAt = t + attentionWindowMs;
    }
  }
  release(Math.min(expiresAt, period.end));
  return direct;
}
