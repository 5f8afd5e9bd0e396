// Reads what one allocation needs from the store, and nothing more: signals from one
// attention window before the period, activity spans within one session timeout of it
// (see core/time/allocation-margins.ts for why that is exactly enough).
//
// Sessions and events with no stream assignment come back with streamId null: unassigned.
// A subagent's work goes to its parent's stream (falling back to its own assignment when
// the parent has none), and its records never count as the person's attention.

import type { Database } from 'better-sqlite3';
import type {
  ActivitySpan,
  AllocationInput,
  AttentionSignal,
  SignalKind,
  SpanKind,
} from '../../core/time/allocation-types';
import { followMerges } from '../../core/streams/merges';
import { allocationMargins } from '../../core/time/allocation-margins';

export interface AllocationSettings {
  attentionWindowMs: number;
  sessionTimeoutMs: number;
}

const SIGNAL_KINDS: Record<string, SignalKind> = { 'pane-focus': 'focus', scroll: 'scroll' };

/** The stream an assignment points at, after following merges (a merged stream lives on in its target). */
export type StreamResolver = (streamId: string | null) => string | null;

export function streamResolver(db: Database): StreamResolver {
  const mergedInto = new Map(
    db
      .prepare('SELECT id, merged_into FROM streams WHERE merged_into IS NOT NULL')
      .raw()
      .all()
      .map((row) => row as [string, string]),
  );
  if (mergedInto.size === 0) return (id) => id;
  return (id) => (id === null ? null : followMerges(id, (stream) => mergedInto.get(stream)));
}

/**
 * What time is keyed by when not by stream: a column of the observations themselves, as SQL
 * over events `e` and sessions `s` (a report by machine keys each signal and turn by its machine).
 */
export interface AllocationKey {
  event: string;
  session: string;
}

export const BY_MACHINE: AllocationKey = { event: 'e.machine_id', session: 's.machine_id' };

export function loadAllocationInput(
  db: Database,
  period: { start: number; end: number },
  settings: AllocationSettings,
  resolve: StreamResolver = streamResolver(db),
  key: AllocationKey | null = null,
): AllocationInput {
  const margins = allocationMargins(period, settings);

  const signals: AttentionSignal[] = [];
  const breaks: number[] = [];
  const eventRows = db
    .prepare(
      `SELECT e.ts AS ts, e.type AS type, ${key?.event ?? 'es.stream_id'} AS streamId
         FROM events e LEFT JOIN event_streams es ON es.event_id = e.id
        WHERE e.ts >= ? AND e.ts < ?
          AND e.type IN ('pane-focus', 'scroll', 'idle-start', 'idle-end')`,
    )
    .raw()
    .all(margins.signalsFrom, margins.signalsTo) as [number, string, string | null][];
  for (const [ts, type, streamId] of eventRows) {
    const kind = SIGNAL_KINDS[type];
    if (kind) signals.push({ ts, kind, streamId: resolve(streamId) });
    else breaks.push(ts);
  }

  // A prompt whose session row is missing still counts, as unassigned; a subagent's never does.
  const promptRows = db
    .prepare(
      `SELECT p.ts AS ts, ${key?.session ?? 'ss.stream_id'} AS streamId, p.session_id AS sessionId
         FROM session_prompts p
         LEFT JOIN sessions s ON s.session_id = p.session_id
         LEFT JOIN session_streams ss ON ss.session_id = p.session_id
        WHERE p.ts >= ? AND p.ts < ? AND coalesce(s.is_subagent, 0) = 0`,
    )
    .raw()
    .all(margins.signalsFrom, margins.signalsTo) as [number, string | null, string][];
  for (const [ts, streamId, sessionId] of promptRows) {
    signals.push({ ts, kind: 'prompt', streamId: resolve(streamId), sessionId });
  }

  const spans: ActivitySpan[] = [];
  const sessionColumns = `
      CASE WHEN s.is_subagent = 1 THEN s.parent_session_id END AS parentId,
      ${key?.session ?? 'CASE WHEN s.is_subagent = 1 THEN coalesce(ps.stream_id, ss.stream_id) ELSE ss.stream_id END'} AS streamId`;
  const sessionJoins = `
      LEFT JOIN session_streams ss ON ss.session_id = s.session_id
      LEFT JOIN session_streams ps ON ps.session_id = s.parent_session_id`;
  // Turns and waits, as the indexer recorded them (core/transcript/turns.ts); sessions indexed
  // before turns were recorded carry their old activity as one turn (migration 006).
  const turnRows = db
    .prepare(
      `SELECT t.session_id, t.kind, t.join_key, t.start_ms, t.end_ms, ${sessionColumns}
         FROM session_time_spans t
         LEFT JOIN sessions s ON s.session_id = t.session_id ${sessionJoins}
        WHERE t.start_ms >= ? AND t.start_ms <= ? AND t.end_ms >= ?`,
    )
    .raw()
    .all(margins.spansStartFrom, margins.spansTo, margins.spansFrom) as [
    string,
    SpanKind,
    number,
    number,
    number,
    string | null,
    string | null,
  ][];
  for (const [sessionId, kind, joinKey, start, end, parentSessionId, streamId] of turnRows) {
    spans.push({ kind, joinKey, sessionId, parentSessionId, streamId: resolve(streamId), start, end });
  }

  return { period, signals, breaks, spans, ...settings };
}
