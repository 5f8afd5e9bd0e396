// Delegated and waiting time, per stream.
//
// Delegated: the union of agent turns (see core/transcript/turns.ts). A turn counted by its
// records is stored as pieces; the pieces of one turn are joined across silences no longer
// than the session timeout (a crashed or abandoned turn stops counting at its last record).
// Two agents in one stream at once count once; agents in different streams each count.
//
// Waiting: an agent idle because it needs the person. A handback (a turn's end to the next
// prompt) counts when it is no longer than the session timeout; a pending question or
// permission request counts until answered. Time in which another agent of the stream was
// working is delegated, not waiting, so waiting never overlaps the stream's delegated time.
// But a wait for the person's answer or permission is waiting whichever agent of a session and
// its subagents asked: a subagent waiting on a permission prompt leaves its span open (its
// transcript does not say it waited), while its parent's measured turn leaves that time out
// (turns.ts carves it as pending); the family's pending time is not work for any of them.

import type { ActivitySpan, StreamKey } from './allocation-types';
import { clip, subtract, union, type Interval } from './intervals';

export interface StreamDelegation {
  delegated: Interval[];
  waiting: Interval[];
  sessionIds: Set<string>;
  /** Sessions counted with their subagents (the parent's id stands for all of them). */
  rootSessionIds: Set<string>;
}

export interface DelegationOptions {
  period: { start: number; end: number };
  sessionTimeoutMs: number;
}

/** Spans joined across gaps no longer than the timeout. */
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

interface SessionSpans {
  root: string;
  /** agent pieces by join key */
  turns: Map<number, Interval[]>;
  waits: Interval[];
}

export function allocateDelegation(
  spans: readonly ActivitySpan[],
  { period, sessionTimeoutMs }: DelegationOptions,
): Map<StreamKey, StreamDelegation> {
  // Group by stream, then session, then turn: a turn's pieces are joined before streams are unioned.
  const byStream = new Map<StreamKey, Map<string, SessionSpans>>();
  for (const span of spans) {
    let sessions = byStream.get(span.streamId);
    if (!sessions) byStream.set(span.streamId, (sessions = new Map()));
    let session = sessions.get(span.sessionId);
    if (!session) {
      const root = span.parentSessionId ?? span.sessionId;
      sessions.set(span.sessionId, (session = { root, turns: new Map(), waits: [] }));
    }
    if (span.kind === 'agent') {
      let pieces = session.turns.get(span.joinKey);
      if (!pieces) session.turns.set(span.joinKey, (pieces = []));
      pieces.push([span.start, span.end]);
    } else if (span.kind === 'pending' || span.end - span.start <= sessionTimeoutMs) {
      session.waits.push([span.start, span.end]);
    }
  }

  // The pending waits of each family (a session and its subagents), across streams.
  const pendingOf = new Map<string, Interval[]>();
  for (const span of spans) {
    if (span.kind !== 'pending' || span.end <= span.start) continue;
    const root = span.parentSessionId ?? span.sessionId;
    const list = pendingOf.get(root) ?? [];
    list.push([span.start, span.end]);
    pendingOf.set(root, list);
  }
  for (const [root, list] of pendingOf) pendingOf.set(root, union(list));

  const result = new Map<StreamKey, StreamDelegation>();
  for (const [streamId, sessions] of byStream) {
    const clipped: Interval[] = [];
    const waits: Interval[] = [];
    const sessionIds = new Set<string>();
    const rootSessionIds = new Set<string>();
    for (const [sessionId, session] of sessions) {
      const pending = pendingOf.get(session.root) ?? [];
      for (const pieces of session.turns.values()) {
        for (const span of workingSpans(pieces, sessionTimeoutMs)) {
          if (!touchesPeriod(span, period)) continue;
          sessionIds.add(sessionId);
          rootSessionIds.add(session.root);
          const inside = clip(span[0], span[1], period.start, period.end);
          if (!inside) continue;
          // Taken out after the pieces are joined, so that the join does not fill it again.
          if (pending.length === 0) clipped.push(inside);
          else for (const part of subtract([inside], pending)) clipped.push(part);
        }
      }
      for (const [start, end] of session.waits) {
        const inside = clip(start, end, period.start, period.end);
        if (inside) waits.push(inside);
      }
    }
    const delegated = union(clipped);
    const waiting = subtract(union(waits), delegated);
    if (sessionIds.size > 0 || waiting.length > 0) {
      result.set(streamId, { delegated, waiting, sessionIds, rootSessionIds });
    }
  }
  return result;
}
