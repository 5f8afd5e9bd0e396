// Delegated time: when agents were working, per stream.
//
// A session works from its first record to its last, except across silences longer than
// the session timeout (a crashed or abandoned session stops counting at its last record).
// A stream's delegated time is the union of its sessions' working spans: two agents in one
// stream at once count once; agents in different streams each count.

import type { ActivitySpan, StreamKey } from './allocation-types';
import { clip, union, type Interval } from './intervals';

export interface StreamDelegation {
  delegated: Interval[];
  sessionIds: Set<string>;
  /** Sessions counted with their subagents (the parent's id stands for all of them). */
  rootSessionIds: Set<string>;
}

export interface DelegationOptions {
  period: { start: number; end: number };
  sessionTimeoutMs: number;
}

/** A session's activity spans joined across gaps no longer than the timeout. */
export function workingSpans(spans: readonly Interval[], sessionTimeoutMs: number): Interval[] {
  const sorted = spans
    .map(([a, b]): Interval => [Math.min(a, b), Math.max(a, b)])
    .sort((x, y) => x[0] - y[0]);
  const working: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = working.at(-1);
    if (last && start - last[1] <= sessionTimeoutMs) last[1] = Math.max(last[1], end);
    else working.push([start, end]);
  }
  return working;
}

/** True when a working span counts as work in the period (a lone record counts where it is). */
function touchesPeriod([start, end]: Interval, period: { start: number; end: number }): boolean {
  if (start === end) return start >= period.start && start < period.end;
  return start < period.end && end > period.start;
}

export function allocateDelegation(
  spans: readonly ActivitySpan[],
  { period, sessionTimeoutMs }: DelegationOptions,
): Map<StreamKey, StreamDelegation> {
  // Group by stream, then session: a session's spans are joined before streams are unioned.
  const byStream = new Map<StreamKey, Map<string, { root: string; spans: Interval[] }>>();
  for (const span of spans) {
    let sessions = byStream.get(span.streamId);
    if (!sessions) byStream.set(span.streamId, (sessions = new Map()));
    let session = sessions.get(span.sessionId);
    if (!session) {
      sessions.set(span.sessionId, (session = { root: span.parentSessionId ?? span.sessionId, spans: [] }));
    }
    session.spans.push([span.start, span.end]);
  }

  const result = new Map<StreamKey, StreamDelegation>();
  for (const [streamId, sessions] of byStream) {
    const clipped: Interval[] = [];
    const sessionIds = new Set<string>();
    const rootSessionIds = new Set<string>();
    for (const [sessionId, session] of sessions) {
      for (const span of workingSpans(session.spans, sessionTimeoutMs)) {
        if (!touchesPeriod(span, period)) continue;
        sessionIds.add(sessionId);
        rootSessionIds.add(session.root);
        const inside = clip(span[0], span[1], period.start, period.end);
        if (inside) clipped.push(inside);
      }
    }
    if (sessionIds.size > 0) result.set(streamId, { delegated: union(clipped), sessionIds, rootSessionIds });
  }
  return result;
}
