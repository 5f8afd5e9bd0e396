// The time views' one read model: every SQL statement the allocation and the views beside it
// read, and nothing that writes. Time is where the table families meet: a focus event's
// stream is in event_streams, a prompt's in session_streams through its session, a subagent's
// turns go to its parent's stream, and the views name streams and sessions. Joining here, in
// one documented place, spares the repositories each other's tables.
//
// Reads: events + event_streams (attention signals and breaks), session_prompts + sessions +
// session_streams (prompts), session_time_spans + sessions + session_streams (turns and
// waits), manual_entries (time added by hand), streams (merges, names, projects), sessions
// (markers and agents). Never writes.

import type { Database } from 'better-sqlite3';
import type { SessionMarker, StreamSource } from '../../shared/api';
import type { SpanKind } from '../../core/time/allocation-types';

export interface SessionMarkerRow {
  session_id: string;
  start_time: number;
  end_time: number | null;
  is_subagent: number;
  custom_title: string | null;
  summary: string | null;
  first_prompt: string | null;
  project_name: string | null;
  agent: SessionMarker['agent'];
  git_branch: string | null;
}

export interface StreamInfoRow {
  id: string;
  name: string;
  confidence: number;
  source: StreamSource;
  reviewed: number;
  project_key: string | null;
}

/** [ts, type, streamId] */
export type SignalEventRow = [number, string, string | null];
/** [ts, streamId, sessionId] */
export type PromptSignalRow = [number, string | null, string];
/** [sessionId, kind, joinKey, start, end, parentSessionId (subagents only), streamId] */
export type TurnRow = [string, SpanKind, number, number, number, string | null, string | null];

/**
 * What time is keyed by when not by stream: a column of the observations themselves, as SQL
 * over events `e` and sessions `s` (a report by machine keys each signal and turn by its machine).
 * Only these fixed column names are ever put into the SQL text.
 */
export interface AllocationKey {
  event: 'e.machine_id';
  session: 's.machine_id';
  manual: 'm.machine_id';
}

export const BY_MACHINE: AllocationKey = {
  event: 'e.machine_id',
  session: 's.machine_id',
  manual: 'm.machine_id',
};

/** [id, streamId (or the key), start, end] */
export type ManualEntryRow = [string, string | null, number, number];

/** How an allocation's observations are read: keyed by `key` instead of stream, or only one machine's. */
export interface AllocationView {
  key?: AllocationKey;
  /** only what this machine recorded (a timeline filtered by machine) */
  machine?: string;
}

const SESSION_STREAM =
  'CASE WHEN s.is_subagent = 1 THEN coalesce(ps.stream_id, ss.stream_id) ELSE ss.stream_id END';
const sessionColumns = (key: AllocationKey | null) => `
      CASE WHEN s.is_subagent = 1 THEN s.parent_session_id END AS parentId,
      ${key?.session ?? SESSION_STREAM} AS streamId`;
const SESSION_JOINS = `
      LEFT JOIN session_streams ss ON ss.session_id = s.session_id
      LEFT JOIN session_streams ps ON ps.session_id = s.parent_session_id`;

export class TimeReadModel {
  constructor(private readonly db: Database) {}

  /** Merged streams: [id, merged_into]. */
  merges(): [string, string][] {
    return this.db
      .prepare('SELECT id, merged_into FROM streams WHERE merged_into IS NOT NULL')
      .raw()
      .all() as [string, string][];
  }

  /** Focus, scroll and idle events in [from, to), with the stream each is assigned to (or `key`). */
  signalEvents(from: number, to: number, { key, machine }: AllocationView = {}): SignalEventRow[] {
    return this.db
      .prepare(
        `SELECT e.ts AS ts, e.type AS type, ${key?.event ?? 'es.stream_id'} AS streamId
           FROM events e LEFT JOIN event_streams es ON es.event_id = e.id
          WHERE e.ts >= ? AND e.ts < ? AND (? IS NULL OR e.machine_id = ?)
            AND e.type IN ('pane-focus', 'scroll', 'idle-start', 'idle-end')`,
      )
      .raw()
      .all(from, to, machine ?? null, machine ?? null) as SignalEventRow[];
  }

  /**
   * The person's prompts in [from, to) with their session's stream. A prompt whose session row
   * is missing still counts, as unassigned; a subagent's never does.
   */
  promptSignals(from: number, to: number, { key, machine }: AllocationView = {}): PromptSignalRow[] {
    return this.db
      .prepare(
        `SELECT p.ts AS ts, ${key?.session ?? 'ss.stream_id'} AS streamId, p.session_id AS sessionId
           FROM session_prompts p
           LEFT JOIN sessions s ON s.session_id = p.session_id
           LEFT JOIN session_streams ss ON ss.session_id = p.session_id
          WHERE p.ts >= ? AND p.ts < ? AND coalesce(s.is_subagent, 0) = 0
            AND (? IS NULL OR s.machine_id = ?)`,
      )
      .raw()
      .all(from, to, machine ?? null, machine ?? null) as PromptSignalRow[];
  }

  /**
   * Turns and waits starting in [startFrom, startTo] and ending at or after `endFrom`, as the
   * indexer recorded them (core/transcript/turns.ts); a subagent's carry its parent and the
   * parent's stream (its own when the parent has none).
   */
  turns(
    startFrom: number,
    startTo: number,
    endFrom: number,
    { key, machine }: AllocationView = {},
  ): TurnRow[] {
    return this.db
      .prepare(
        `SELECT t.session_id, t.kind, t.join_key, t.start_ms, t.end_ms, ${sessionColumns(key ?? null)}
           FROM session_time_spans t
           LEFT JOIN sessions s ON s.session_id = t.session_id ${SESSION_JOINS}
          WHERE t.start_ms >= ? AND t.start_ms <= ? AND t.end_ms >= ?
            AND (? IS NULL OR s.machine_id = ?)`,
      )
      .raw()
      .all(startFrom, startTo, endFrom, machine ?? null, machine ?? null) as TurnRow[];
  }

  /** Entries added by hand that overlap [from, to), with their stream (or `key`). */
  manualEntries(from: number, to: number, { key, machine }: AllocationView = {}): ManualEntryRow[] {
    return this.db
      .prepare(
        `SELECT m.id, ${key?.manual ?? 'm.stream_id'} AS streamId, m.start_ms, m.end_ms
           FROM manual_entries m
          WHERE m.start_ms < ? AND m.end_ms > ? AND (? IS NULL OR m.machine_id = ?)`,
      )
      .raw()
      .all(to, from, machine ?? null, machine ?? null) as ManualEntryRow[];
  }

  /** What a view shows of each session: its times, title columns, project and agent. */
  sessionMarkers(sessionIds: readonly string[]): SessionMarkerRow[] {
    return this.db
      .prepare(
        `SELECT session_id, start_time, end_time, is_subagent, custom_title, summary, first_prompt, project_name, agent,
                git_branch
           FROM sessions WHERE session_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(sessionIds)) as SessionMarkerRow[];
  }

  /** Streams as stored, for their names, confidence and project. */
  streams(streamIds: readonly string[]): StreamInfoRow[] {
    return this.db
      .prepare(
        `SELECT id, name, confidence, source, reviewed, project_key
           FROM streams WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(streamIds)) as StreamInfoRow[];
  }

  /** Which agent wrote each session: [sessionId, agent]. */
  sessionAgents(sessionIds: readonly string[]): [string, string][] {
    return this.db
      .prepare('SELECT session_id, agent FROM sessions WHERE session_id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(sessionIds)) as [string, string][];
  }

  /**
   * What the database holds, as a value that changes with every write: `data_version` moves when
   * another connection commits (the CLI, a worker, a second app), `total_changes()` when this
   * one writes. An unchanged pair means every table reads as before.
   */
  databaseVersion(): string {
    const [dataVersion, ownChanges] = this.db
      .prepare('SELECT data_version, total_changes() FROM pragma_data_version')
      .raw()
      .get() as [number, number];
    return `${dataVersion}:${ownChanges}`;
  }
}
