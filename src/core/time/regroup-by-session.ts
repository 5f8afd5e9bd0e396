import type { AllocationInput, AttentionSignal, StreamKey } from './allocation-types';

/**
 * The same activity, keyed by something a session has (its agent, say) instead of its stream,
 * so that one allocation splits direct and delegated time by that key with the same rules.
 * Spans and prompts know their session (a subagent counts with its parent). A focus or scroll
 * signal knows only its stream: it goes to the key of the latest session activity of that
 * stream at or before it (else the first after it), since that is what the person was looking at.
 */
export function regroupBySession(
  input: AllocationInput,
  keyOf: (sessionId: string) => StreamKey,
  /** the key of time added by hand, which has no session */
  manualKey: StreamKey = null,
): AllocationInput {
  const spans = input.spans.map((span) => ({
    ...span,
    streamId: keyOf(span.parentSessionId ?? span.sessionId),
  }));
  // Per stream, its sessions' activity in time order: [ts, key].
  const activity = new Map<string | null, [number, StreamKey][]>();
  const note = (streamId: StreamKey, ts: number, key: StreamKey): void => {
    const list = activity.get(streamId);
    if (list) list.push([ts, key]);
    else activity.set(streamId, [[ts, key]]);
  };
  input.spans.forEach((span, i) => note(span.streamId, span.start, spans[i]!.streamId));
  for (const signal of input.signals) {
    if (signal.sessionId !== undefined) note(signal.streamId, signal.ts, keyOf(signal.sessionId));
  }
  for (const list of activity.values()) list.sort((a, b) => a[0] - b[0]);
  const signals: AttentionSignal[] = input.signals.map((signal) => ({
    ...signal,
    streamId:
      signal.sessionId !== undefined
        ? keyOf(signal.sessionId)
        : nearestKey(activity.get(signal.streamId) ?? [], signal.ts),
  }));
  const manual = input.manual?.map((entry) => ({ ...entry, streamId: manualKey }));
  return { ...input, spans, signals, manual };
}

function nearestKey(list: readonly [number, StreamKey][], ts: number): StreamKey {
  if (list.length === 0) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![0] <= ts) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1]![1] : list[0]![1];
}
