import type { Database, Statement } from 'better-sqlite3';
import { followMerges } from '../../core/streams/merges';
import type { PlacedBy, PlacementSnapshot } from '../../core/streams/placement-plan';
import type { ManualEntryState } from '../../core/sync/edit-writes';
import type { Placement, StreamSource } from '../../shared/api';
import { escapeLike } from '../store/like-pattern';
import { PLACED_BEFORE_REASONS } from '../store/migrations/012-placement-reasons';
import { statementCache } from '../store/statement-cache';

// The SQL behind streams: the streams themselves, which session and event is in which, and
// the log of a person's edits. A person's word is in the rows: assigned_by = 'user' pins an
// assignment, name_locked keeps a name, reviewed marks a confirmed stream, merged_into sends
// whatever inference proposes for a merged stream to the stream it was merged into.
//
// It also holds the reads of `tt streams find` and `tt streams quality` (stream-find.ts,
// stream-quality.ts keep their logic): they are questions about the streams family
// (session_streams, stream_proposals) that join sessions for titles, times and projects,
// as unassignedByProject does. A separate read model would split this family's SQL in two.

export type AssignedBy = PlacedBy;

/** A stream that holds nothing and carries no person's word (see removeEmptyStreams). */
const REMOVABLE_STREAM = `merged_into IS NULL AND name_locked = 0 AND reviewed = 0 AND source != 'user'
  AND NOT EXISTS (SELECT 1 FROM session_streams WHERE stream_id = streams.id)
  AND NOT EXISTS (SELECT 1 FROM event_streams WHERE stream_id = streams.id)
  AND NOT EXISTS (SELECT 1 FROM manual_entries WHERE stream_id = streams.id)
  AND NOT EXISTS (SELECT 1 FROM streams m WHERE m.merged_into = streams.id)`;

export interface StreamRow {
  id: string;
  name: string;
  confidence: number;
  source: StreamSource;
  reviewed: number;
  name_locked: number;
  project_key: string | null;
  first_activity: number | null;
  last_activity: number | null;
  created_at: number;
  updated_at: number;
  merged_into: string | null;
}

export interface SessionStreamRow {
  session_id: string;
  stream_id: string;
  assigned_by: AssignedBy;
  confidence: number;
  /** why it is there, in words (null only in an undo snapshot from before reasons were kept) */
  reason: string | null;
}

export interface EventStreamRow {
  event_id: string;
  stream_id: string;
  assigned_by: AssignedBy;
  reason: string | null;
}

/** Time a person added by hand (migration 015): its id and what sync carries of it. */
export type ManualEntryRow = { id: string } & ManualEntryState;

/** The rows an edit changed, as they were before it: restoring them undoes the edit exactly. */
export interface EditSnapshot {
  streams: { id: string; row: StreamRow | null }[];
  sessions: { id: string; row: SessionStreamRow | null }[];
  events: { id: string; row: EventStreamRow | null }[];
  /** entries added by hand (absent from edits logged before they existed) */
  manual?: { id: string; row: ManualEntryRow | null }[];
}

export interface EditLogEntry {
  id: number;
  description: string;
  snapshot: EditSnapshot;
  /** the op sync carries for this edit (null for edits logged before ops were linked) */
  op: string | null;
  /** 'inference': a run of inference, undone and redone here only (not journaled for sync) */
  kind: 'person' | 'inference';
}

export interface StreamProposal {
  id: string;
  name: string;
  source: StreamSource;
  projectKey: string | null;
}

export interface FoundSessionRow {
  streamId: string | null;
  project: string | null;
  /** 1 when the words matched the session's titles or prompts */
  textHit: number;
}

export interface ReviewedProposalRow {
  session_id: string;
  truth: string;
  weight: number;
  source: 'directory' | 'llm' | null;
  proposed: string | null;
  proposed_at: number | null;
}

export class StreamRepo {
  /** Prepared once per SQL text: inference runs these thousands of times. */
  private readonly sql: (text: string) => Statement;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {
    this.sql = statementCache(db);
  }

  /**
   * IMMEDIATE: the write lock is taken first, so a transaction that reads before it writes
   * waits (busy timeout) for another process's writer, instead of failing with
   * SQLITE_BUSY_SNAPSHOT when that writer commits between its read and its write.
   */
  transaction<T>(run: () => T): T {
    return this.db.transaction(run).immediate();
  }

  getStream(id: string): StreamRow | null {
    return (this.sql('SELECT * FROM streams WHERE id = ?').get(id) as StreamRow | undefined) ?? null;
  }

  /** Live (not merged) streams whose id starts with `prefix`. */
  findByPrefix(prefix: string): StreamRow[] {
    return this.sql("SELECT * FROM streams WHERE merged_into IS NULL AND id LIKE ? ESCAPE '\\' LIMIT 3").all(
      `${escapeLike(prefix)}%`,
    ) as StreamRow[];
  }

  /** The names of the live streams these (possibly merged) streams send their work to, once each, by name. */
  liveStreamNames(streamIds: readonly string[]): string[] {
    const live = new Set(streamIds.map((id) => this.liveStreamId(id)));
    return [...live]
      .map((id) => this.getStream(id)?.name)
      .filter((name): name is string => name !== undefined)
      .sort((a, b) => a.localeCompare(b));
  }

  /** Where a stream's work lives now: itself, or the stream it was (transitively) merged into. */
  liveStreamId(id: string): string {
    return followMerges(id, (stream) => this.getStream(stream)?.merged_into);
  }

  /**
   * What inference decides from (core/streams/placement-plan.ts): where these sessions and
   * events are now, and every stream's source and merge.
   */
  placementSnapshot(sessionIds: readonly string[], eventIds: readonly string[]): PlacementSnapshot {
    const sessions = new Map(
      [...this.sessionAssignments(sessionIds)].map(([id, row]) => [
        id,
        { streamId: row.stream_id, by: row.assigned_by, confidence: row.confidence },
      ]),
    );
    const events = new Map(
      [...this.eventAssignments(eventIds)].map(([id, row]) => [
        id,
        { streamId: row.stream_id, by: row.assigned_by },
      ]),
    );
    const rows = this.sql('SELECT id, source, merged_into FROM streams').all() as Pick<
      StreamRow,
      'id' | 'source' | 'merged_into'
    >[];
    const streams = new Map(rows.map((row) => [row.id, { source: row.source, mergedInto: row.merged_into }]));
    return { sessions, events, streams };
  }

  /**
   * Creates the stream, or brings an existing one up to date with what inference proposes:
   * the name changes unless a person renamed or confirmed it (or an LLM answer continues a
   * directory stream), and a stream a person named keeps source 'user'. Says what it did.
   */
  upsertStream(proposal: StreamProposal): 'created' | 'renamed' | 'unchanged' {
    const existing = this.getStream(proposal.id);
    const now = this.now();
    if (existing === null) {
      this.sql(
        `INSERT INTO streams (id, name, confidence, source, project_key, created_at, updated_at)
           VALUES (?, ?, 1.0, ?, ?, ?, ?)`,
      ).run(proposal.id, proposal.name, proposal.source, proposal.projectKey, now, now);
      return 'created';
    }
    // A project's directory stream keeps the project's name when an LLM answer continues it:
    // the sessions the answer leaves out go there too.
    const directoryKept = existing.source === 'directory' && proposal.source === 'llm';
    const keepsName = existing.name_locked === 1 || existing.reviewed === 1 || directoryKept;
    const name = keepsName ? existing.name : proposal.name;
    const source = existing.source === 'user' || directoryKept ? existing.source : proposal.source;
    const projectKey = existing.project_key ?? proposal.projectKey;
    if (name === existing.name && source === existing.source && projectKey === existing.project_key) {
      return 'unchanged';
    }
    this.sql('UPDATE streams SET name = ?, source = ?, project_key = ?, updated_at = ? WHERE id = ?').run(
      name,
      source,
      projectKey,
      now,
      proposal.id,
    );
    return name === existing.name ? 'unchanged' : 'renamed';
  }

  /**
   * Sessions that no stream covers yet (new since the last inference), with the span they
   * cover: what the hosts infer by themselves after an index.
   */
  unplacedSessions(): { ids: string[]; start: number; end: number } | null {
    const rows = this.sql(
      `SELECT s.session_id AS id, s.start_time AS start, COALESCE(s.end_time, s.start_time) AS end
         FROM sessions s LEFT JOIN session_streams a ON a.session_id = s.session_id
        WHERE a.session_id IS NULL`,
    ).all() as { id: string; start: number; end: number }[];
    if (rows.length === 0) return null;
    let start = Infinity;
    let end = -Infinity;
    for (const row of rows) {
      start = Math.min(start, row.start);
      end = Math.max(end, row.end);
    }
    return { ids: rows.map((row) => row.id), start, end };
  }

  /** The span of the focus events of a known project that no stream holds yet, or null. */
  unplacedFocusSpan(): { start: number; end: number } | null {
    const row = this.sql(
      `SELECT MIN(e.ts) AS start, MAX(e.ts) AS "end" FROM events e
        WHERE e.project_name IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM event_streams es WHERE es.event_id = e.id)`,
    ).get() as { start: number | null; end: number | null };
    return row.start === null || row.end === null ? null : { start: row.start, end: row.end };
  }

  sessionAssignments(sessionIds: readonly string[]): Map<string, SessionStreamRow> {
    return this.rowsById('SELECT * FROM session_streams WHERE session_id = ?', sessionIds);
  }

  eventAssignments(eventIds: readonly string[]): Map<string, EventStreamRow> {
    return this.rowsById('SELECT * FROM event_streams WHERE event_id = ?', eventIds);
  }

  /** The row `sql` finds for each id, keyed by id; ids without a row are left out. */
  private rowsById<T>(sql: string, ids: readonly string[]): Map<string, T> {
    const result = new Map<string, T>();
    const get = this.sql(sql);
    for (const id of ids) {
      const row = get.get(id) as T | undefined;
      if (row) result.set(id, row);
    }
    return result;
  }

  /** Writes an assignment and why it is there; returns whether it changed anything. */
  assignSession(
    sessionId: string,
    streamId: string,
    by: AssignedBy,
    confidence: number,
    reason: string | null,
  ): boolean {
    const result = this.sql(
      `INSERT INTO session_streams (session_id, stream_id, assigned_by, confidence, reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET stream_id = excluded.stream_id,
           assigned_by = excluded.assigned_by, confidence = excluded.confidence, reason = excluded.reason
         WHERE stream_id IS NOT excluded.stream_id OR assigned_by IS NOT excluded.assigned_by
           OR confidence IS NOT excluded.confidence OR reason IS NOT excluded.reason`,
    ).run(sessionId, streamId, by, confidence, reason ?? PLACED_BEFORE_REASONS);
    return result.changes > 0;
  }

  assignEvent(eventId: string, streamId: string, by: AssignedBy, reason: string | null): boolean {
    const result = this.sql(
      `INSERT INTO event_streams (event_id, stream_id, assigned_by, reason) VALUES (?, ?, ?, ?)
         ON CONFLICT(event_id) DO UPDATE SET stream_id = excluded.stream_id,
           assigned_by = excluded.assigned_by, reason = excluded.reason
         WHERE stream_id IS NOT excluded.stream_id OR assigned_by IS NOT excluded.assigned_by
           OR reason IS NOT excluded.reason`,
    ).run(eventId, streamId, by, reason ?? PLACED_BEFORE_REASONS);
    return result.changes > 0;
  }

  sessionIdsOf(streamId: string): string[] {
    return (
      this.sql('SELECT session_id FROM session_streams WHERE stream_id = ? ORDER BY session_id').all(
        streamId,
      ) as {
        session_id: string;
      }[]
    ).map((r) => r.session_id);
  }

  eventIdsOf(streamId: string): string[] {
    return (
      this.sql('SELECT event_id FROM event_streams WHERE stream_id = ? ORDER BY event_id').all(streamId) as {
        event_id: string;
      }[]
    ).map((r) => r.event_id);
  }

  /**
   * Recomputes what is derived from assignments: a stream's confidence (the mean of its
   * sessions'; 1.0 with none) and its first and last activity (sessions and events).
   */
  refreshDerived(): void {
    this.db.exec(`
      UPDATE streams SET
        confidence = COALESCE((SELECT AVG(confidence) FROM session_streams ss WHERE ss.stream_id = streams.id), 1.0),
        first_activity = (SELECT MIN(t) FROM (
            SELECT MIN(s.start_time) AS t FROM session_streams ss JOIN sessions s USING (session_id)
              WHERE ss.stream_id = streams.id
            UNION ALL
            SELECT MIN(e.ts) FROM event_streams es JOIN events e ON e.id = es.event_id WHERE es.stream_id = streams.id)),
        last_activity = (SELECT MAX(t) FROM (
            SELECT MAX(COALESCE(s.end_time, s.start_time)) AS t FROM session_streams ss JOIN sessions s USING (session_id)
              WHERE ss.stream_id = streams.id
            UNION ALL
            SELECT MAX(e.ts) FROM event_streams es JOIN events e ON e.id = es.event_id WHERE es.stream_id = streams.id))
      WHERE merged_into IS NULL
    `);
  }

  /**
   * Deletes streams that hold nothing and carry no person's word (not renamed, confirmed,
   * named by a person, merged or merged into). Returns how many went.
   */
  removeEmptyStreams(): number {
    return this.sql(`DELETE FROM streams WHERE ${REMOVABLE_STREAM}`).run().changes;
  }

  /** The streams removeEmptyStreams() would remove now. */
  removableStreamIds(): string[] {
    return this.sql(`SELECT id FROM streams WHERE ${REMOVABLE_STREAM}`).pluck().all() as string[];
  }

  /** Live streams with their sessions, most recent activity first. */
  listLive(): (StreamRow & { sessionIds: string[]; places: string[] })[] {
    const rows = this.sql(
      `SELECT * FROM streams WHERE merged_into IS NULL
         ORDER BY last_activity IS NULL, last_activity DESC, name, id`,
    ).all() as StreamRow[];
    const sessions = this.sql(
      `SELECT ss.stream_id, ss.session_id, s.project_name, s.git_branch FROM session_streams ss
         LEFT JOIN sessions s USING (session_id) ORDER BY s.start_time, ss.session_id`,
    ).all() as {
      stream_id: string;
      session_id: string;
      project_name: string | null;
      git_branch: string | null;
    }[];
    const byStream = new Map<string, string[]>();
    const placesOf = new Map<string, Set<string>>();
    for (const { stream_id, session_id, project_name, git_branch } of sessions) {
      const list = byStream.get(stream_id) ?? [];
      list.push(session_id);
      byStream.set(stream_id, list);
      if (project_name === null) continue;
      const places = placesOf.get(stream_id) ?? new Set<string>();
      places.add(project_name);
      if (git_branch) places.add(`${project_name}@${git_branch}`);
      placesOf.set(stream_id, places);
    }
    return rows.map((row) => ({
      ...row,
      sessionIds: byStream.get(row.id) ?? [],
      places: [...(placesOf.get(row.id) ?? [])].sort(),
    }));
  }

  /**
   * Remembers the stream a run of `source` inference proposed for each session (the latest run
   * wins), whether or not a person's word kept the session elsewhere: `tt streams quality`.
   */
  recordProposals(source: 'directory' | 'llm', proposals: ReadonlyMap<string, string>): void {
    const upsert = this.sql(
      `INSERT INTO stream_proposals (session_id, source, stream_id, proposed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(session_id, source) DO UPDATE SET stream_id = excluded.stream_id,
           proposed_at = excluded.proposed_at`,
    );
    const now = this.now();
    for (const [sessionId, streamId] of proposals) upsert.run(sessionId, source, streamId, now);
  }

  // ------------------------------------------------------------------ edits and undo

  snapshot(ids: {
    streams?: string[];
    sessions?: string[];
    events?: string[];
    manual?: string[];
  }): EditSnapshot {
    const session = this.sessionAssignments(ids.sessions ?? []);
    const event = this.eventAssignments(ids.events ?? []);
    return {
      streams: [...new Set(ids.streams ?? [])].map((id) => ({ id, row: this.getStream(id) })),
      sessions: [...new Set(ids.sessions ?? [])].map((id) => ({ id, row: session.get(id) ?? null })),
      events: [...new Set(ids.events ?? [])].map((id) => ({ id, row: event.get(id) ?? null })),
      manual: [...new Set(ids.manual ?? [])].map((id) => ({ id, row: this.manualEntry(id) })),
    };
  }

  /** Puts every row of the snapshot back as it was (streams first: assignments refer to them). */
  restore(snapshot: EditSnapshot): void {
    const upsertStream = this.sql(
      `INSERT INTO streams (id, name, confidence, source, reviewed, name_locked, project_key,
         first_activity, last_activity, created_at, updated_at, merged_into)
       VALUES (@id, @name, @confidence, @source, @reviewed, @name_locked, @project_key,
         @first_activity, @last_activity, @created_at, @updated_at, @merged_into)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, confidence = excluded.confidence,
         source = excluded.source, reviewed = excluded.reviewed, name_locked = excluded.name_locked,
         project_key = excluded.project_key, first_activity = excluded.first_activity,
         last_activity = excluded.last_activity, created_at = excluded.created_at,
         updated_at = excluded.updated_at, merged_into = excluded.merged_into`,
    );
    for (const { row } of snapshot.streams) if (row) upsertStream.run(row);
    for (const { id, row } of snapshot.sessions) {
      if (row) this.assignSession(row.session_id, row.stream_id, row.assigned_by, row.confidence, row.reason);
      else this.sql('DELETE FROM session_streams WHERE session_id = ?').run(id);
    }
    for (const { id, row } of snapshot.events) {
      if (row) this.assignEvent(row.event_id, row.stream_id, row.assigned_by, row.reason);
      else this.sql('DELETE FROM event_streams WHERE event_id = ?').run(id);
    }
    for (const { id, row } of snapshot.manual ?? []) {
      if (row) this.putManualEntry(row);
      else this.deleteManualEntry(id);
    }
    // A stream the edit created did not exist before it: gone again, once nothing refers to it.
    // (Work placed in it since, by the quiet placement after an index say, keeps it.)
    for (const { id, row } of snapshot.streams) if (row === null) this.removeStreamIfUnused(id);
  }

  /** Logs an edit; what was undone before it can no longer be redone (redo follows undo only). */
  /**
   * Logs an edit: the rows as they were before it, the op that sync carries for it (a person's
   * edit), or that it is a run of inference (undone and redone here only).
   */
  logEdit(
    description: string,
    snapshot: EditSnapshot,
    { op = null, kind = 'person' }: { op?: string | null; kind?: EditLogEntry['kind'] } = {},
  ): void {
    this.sql('UPDATE edit_log SET redo = NULL WHERE undone = 1 AND redo IS NOT NULL').run();
    this.sql('INSERT INTO edit_log (at, description, undo, kind) VALUES (?, ?, ?, ?)').run(
      this.now(),
      description,
      JSON.stringify(op === null ? snapshot : { ...snapshot, op }),
      kind,
    );
  }

  /** Marks an edit undone, keeping `after` (its rows as they were before the undo) for redo. */
  markUndone(id: number, after: EditSnapshot): void {
    this.sql('UPDATE edit_log SET undone = 1, redo = ? WHERE id = ?').run(JSON.stringify(after), id);
  }

  /** The undone edit that redo would apply again: the one undone last. */
  nextRedo(): (EditLogEntry & { redo: EditSnapshot }) | null {
    const row = this.sql(
      'SELECT id, description, undo, redo, kind FROM edit_log WHERE undone = 1 AND redo IS NOT NULL ORDER BY id LIMIT 1',
    ).get() as
      { id: number; description: string; undo: string; redo: string; kind: EditLogEntry['kind'] } | undefined;
    if (!row) return null;
    const { op, ...snapshot } = JSON.parse(row.undo) as EditSnapshot & { op?: string };
    return {
      id: row.id,
      description: row.description,
      snapshot,
      op: op ?? null,
      redo: JSON.parse(row.redo) as EditSnapshot,
      kind: row.kind,
    };
  }

  markRedone(id: number): void {
    this.sql('UPDATE edit_log SET undone = 0, redo = NULL WHERE id = ?').run(id);
  }

  lastUndoableEdit(): EditLogEntry | null {
    const row = this.sql(
      'SELECT id, description, undo, kind FROM edit_log WHERE undone = 0 ORDER BY id DESC LIMIT 1',
    ).get() as { id: number; description: string; undo: string; kind: EditLogEntry['kind'] } | undefined;
    if (!row) return null;
    const { op, ...snapshot } = JSON.parse(row.undo) as EditSnapshot & { op?: string };
    return { id: row.id, description: row.description, snapshot, op: op ?? null, kind: row.kind };
  }

  // ------------------------------------------------------------------ time added by hand

  manualEntry(id: string): ManualEntryRow | null {
    return (
      (this.sql('SELECT * FROM manual_entries WHERE id = ?').get(id) as ManualEntryRow | undefined) ?? null
    );
  }

  /** Entries whose id starts with `prefix` (at most 3: enough to tell one from several). */
  manualEntriesByPrefix(prefix: string): ManualEntryRow[] {
    return this.sql("SELECT * FROM manual_entries WHERE id LIKE ? ESCAPE '\\' LIMIT 3").all(
      `${escapeLike(prefix)}%`,
    ) as ManualEntryRow[];
  }

  /** Entries overlapping [start, end), earliest first. */
  manualEntriesIn(start: number, end: number): ManualEntryRow[] {
    return this.sql(
      'SELECT * FROM manual_entries WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms, id',
    ).all(end, start) as ManualEntryRow[];
  }

  /** Adds or replaces an entry, as given. */
  putManualEntry(row: ManualEntryRow): void {
    this.sql(
      `INSERT INTO manual_entries (id, stream_id, start_ms, end_ms, note, machine_id, created_at)
       VALUES (@id, @stream_id, @start_ms, @end_ms, @note, @machine_id, @created_at)
       ON CONFLICT(id) DO UPDATE SET stream_id = excluded.stream_id, start_ms = excluded.start_ms,
         end_ms = excluded.end_ms, note = excluded.note, machine_id = excluded.machine_id,
         created_at = excluded.created_at`,
    ).run(row);
  }

  deleteManualEntry(id: string): void {
    this.sql('DELETE FROM manual_entries WHERE id = ?').run(id);
  }

  /** Whether tt has seen a project of this name (a session ran in it, or a stream belongs to it). */
  knownProject(name: string): boolean {
    return (
      this.sql(
        `SELECT 1 FROM sessions WHERE project_name = ?
         UNION ALL SELECT 1 FROM streams WHERE project_key = ? OR project_key LIKE ? ESCAPE '\\' LIMIT 1`,
      ).get(name, name, `${escapeLike(name)}/%`) !== undefined
    );
  }

  /** Every project name tt knows, sorted. */
  knownProjects(): string[] {
    const rows = this.sql(
      `SELECT project_name AS name FROM sessions WHERE project_name IS NOT NULL
       UNION SELECT CASE WHEN instr(project_key, '/') > 0 THEN substr(project_key, 1, instr(project_key, '/') - 1)
                         ELSE project_key END FROM streams WHERE project_key IS NOT NULL
       ORDER BY 1`,
    )
      .raw()
      .all() as [string][];
    return rows.map(([name]) => name).filter((name) => name !== '');
  }

  // ------------------------------------------------------------------ edits from other machines

  /** A stream another machine's edit refers to and this one has not made yet. */
  createStreamFrom(base: Omit<StreamRow, 'first_activity' | 'last_activity' | 'updated_at'>): void {
    this.sql(
      `INSERT OR IGNORE INTO streams (id, name, confidence, source, reviewed, name_locked, project_key,
         created_at, updated_at)
       VALUES (@id, @name, @confidence, @source, @reviewed, @name_locked, @project_key, @created_at, @created_at)`,
    ).run({
      id: base.id,
      name: base.name,
      confidence: base.confidence,
      source: base.source,
      reviewed: base.reviewed,
      name_locked: base.name_locked,
      project_key: base.project_key,
      created_at: base.created_at,
    });
  }

  /**
   * Removes a stream another machine's edit removed, unless something here still refers to it
   * or it was merged (a merged stream keeps sending what inference proposes for it to its target).
   */
  removeStreamIfUnused(id: string): void {
    this.sql(
      `DELETE FROM streams WHERE id = ? AND merged_into IS NULL
         AND NOT EXISTS (SELECT 1 FROM session_streams WHERE stream_id = streams.id)
         AND NOT EXISTS (SELECT 1 FROM event_streams WHERE stream_id = streams.id)
         AND NOT EXISTS (SELECT 1 FROM manual_entries WHERE stream_id = streams.id)
         AND NOT EXISTS (SELECT 1 FROM streams m WHERE m.merged_into = streams.id)`,
    ).run(id);
  }

  /** The time the given sessions and events cover, or null when none is known here. */
  /** The time every session and event covers: what sync places again when anything arrived. */
  wholeSpan(): { start: number; end: number } | null {
    const row = this.sql(
      `SELECT min(s) AS start, max(e) AS end FROM (
         SELECT min(start_time) AS s, max(coalesce(end_time, start_time)) AS e FROM sessions
         UNION ALL SELECT min(ts), max(ts) FROM events)`,
    ).get() as { start: number | null; end: number | null };
    return row.start === null || row.end === null ? null : { start: row.start, end: row.end };
  }

  spanOf(sessionIds: readonly string[], eventIds: readonly string[]): { start: number; end: number } | null {
    let start = Infinity;
    let end = -Infinity;
    const session = this.sql(
      'SELECT start_time AS s, coalesce(end_time, start_time) AS e FROM sessions WHERE session_id = ?',
    );
    const event = this.sql('SELECT ts AS s, ts AS e FROM events WHERE id = ?');
    const widen = (row: { s: number; e: number } | undefined) => {
      if (!row) return;
      start = Math.min(start, row.s);
      end = Math.max(end, row.e);
    };
    for (const id of sessionIds) widen(session.get(id) as { s: number; e: number } | undefined);
    for (const id of eventIds) widen(event.get(id) as { s: number; e: number } | undefined);
    return start <= end ? { start, end } : null;
  }

  unassignSession(sessionId: string): void {
    this.sql('DELETE FROM session_streams WHERE session_id = ?').run(sessionId);
  }

  unassignEvent(eventId: string): void {
    this.sql('DELETE FROM event_streams WHERE event_id = ?').run(eventId);
  }

  /**
   * Sends what is still assigned to a merged stream to the stream it was merged into, as
   * assigned as it was: a merge made on another machine did not know of these. Chains are
   * followed; a cycle (two machines merging two streams into each other) stops after a bound.
   */
  rehomeMerged(): void {
    for (let step = 0; step < 32; step++) {
      let changes = 0;
      for (const table of ['session_streams', 'event_streams']) {
        changes += this.sql(
          `UPDATE ${table} SET stream_id = (SELECT merged_into FROM streams WHERE id = ${table}.stream_id)
             WHERE stream_id IN (SELECT id FROM streams WHERE merged_into IS NOT NULL)`,
        ).run().changes;
      }
      if (changes === 0) return;
    }
  }

  // ------------------------------------------------------------------ a person's edits

  updateStream(
    id: string,
    fields: Partial<Pick<StreamRow, 'name' | 'name_locked' | 'reviewed' | 'source' | 'merged_into'>>,
  ): void {
    const entries = Object.entries(fields);
    if (entries.length === 0) return;
    const sets = entries.map(([key]) => `${key} = @${key}`).join(', ');
    this.sql(`UPDATE streams SET ${sets}, updated_at = @updated_at WHERE id = @id`).run({
      ...fields,
      id,
      updated_at: this.now(),
    });
  }

  /** Whether any session of the stream was placed by inference rather than by a person. */
  hasUnpinnedSessions(streamId: string): boolean {
    return (
      this.sql("SELECT 1 FROM session_streams WHERE stream_id = ? AND assigned_by <> 'user' LIMIT 1").get(
        streamId,
      ) !== undefined
    );
  }

  /**
   * Pins every session of the stream where it is (a person confirmed it); `reason` says so,
   * followed by why inference had put it there.
   */
  pinSessionsOf(streamId: string, reason: string): void {
    this.sql(
      `UPDATE session_streams SET assigned_by = 'user',
         reason = ? || COALESCE(' (placed by inference: ' || reason || ')', '')
       WHERE stream_id = ? AND assigned_by <> 'user'`,
    ).run(reason, streamId);
  }

  /** Moves every session and event of `from` to `into`, pinned there, saying why. */
  moveAll(from: string, into: string, reason: string): void {
    for (const table of ['session_streams', 'event_streams']) {
      this.sql(`UPDATE ${table} SET stream_id = ?, assigned_by = 'user', reason = ? WHERE stream_id = ?`).run(
        into,
        reason,
        from,
      );
    }
  }

  /** A stream a person made: named by them, so inference neither renames nor removes it. */
  /** A project's own stream (as directory inference makes it), for time added by hand to a project. */
  createDirectoryStream(stream: { id: string; name: string; projectKey: string }): void {
    const now = this.now();
    this.sql(
      `INSERT OR IGNORE INTO streams (id, name, confidence, source, project_key, created_at, updated_at)
         VALUES (?, ?, 1.0, 'directory', ?, ?, ?)`,
    ).run(stream.id, stream.name, stream.projectKey, now, now);
  }

  createUserStream(id: string, name: string): void {
    const now = this.now();
    this.sql(
      `INSERT INTO streams (id, name, confidence, source, name_locked, reviewed, created_at, updated_at)
         VALUES (?, ?, 1.0, 'user', 1, 1, ?, ?)`,
    ).run(id, name, now, now);
  }

  /** Per project, how many sessions and focus events in [start, end) no stream holds. */
  unassignedByProject(start: number, end: number): { project: string; sessions: number; events: number }[] {
    return this.sql(
      `SELECT project, SUM(sessions) AS sessions, SUM(events) AS events FROM (
         SELECT s.project_name AS project, 1 AS sessions, 0 AS events FROM sessions s
           WHERE s.project_name IS NOT NULL AND s.start_time < ? AND COALESCE(s.end_time, s.start_time) >= ?
             AND NOT EXISTS (SELECT 1 FROM session_streams ss WHERE ss.session_id = s.session_id)
         UNION ALL
         SELECT e.project_name, 0, 1 FROM events e
           WHERE e.project_name IS NOT NULL AND e.ts >= ? AND e.ts < ?
             AND NOT EXISTS (SELECT 1 FROM event_streams es WHERE es.event_id = e.id)
       ) GROUP BY project ORDER BY sessions DESC, events DESC, project`,
    ).all(end, start, start, end) as { project: string; sessions: number; events: number }[];
  }

  /** Sessions of a project touching [start, end) that no stream holds (main sessions only). */
  unassignedSessions(project: string, start: number, end: number): string[] {
    return this.sql(
      `SELECT s.session_id FROM sessions s
         WHERE s.project_name = ? AND s.start_time < ? AND COALESCE(s.end_time, s.start_time) >= ?
           AND NOT EXISTS (SELECT 1 FROM session_streams ss WHERE ss.session_id = s.session_id)
         ORDER BY s.start_time, s.session_id`,
    )
      .pluck()
      .all(project, end, start) as string[];
  }

  /** Focus events of a project in [start, end) that no stream holds. */
  unassignedEvents(project: string, start: number, end: number): string[] {
    return this.sql(
      `SELECT e.id FROM events e
         WHERE e.project_name = ? AND e.ts >= ? AND e.ts < ?
           AND NOT EXISTS (SELECT 1 FROM event_streams es WHERE es.event_id = e.id)
         ORDER BY e.ts, e.id`,
    )
      .pluck()
      .all(project, start, end) as string[];
  }

  // ------------------------------------------------------------------ why it is there

  /** The live stream a session is in, who placed it there and why (null: no stream holds it). */
  placementOf(sessionId: string): Placement | null {
    const row = this.sql('SELECT * FROM session_streams WHERE session_id = ?').get(sessionId) as
      SessionStreamRow | undefined;
    if (!row) return null;
    const stream = this.getStream(this.liveStreamId(row.stream_id));
    if (!stream) return null;
    return {
      streamId: stream.id,
      streamName: stream.name,
      placedBy: row.assigned_by,
      reason: row.reason ?? PLACED_BEFORE_REASONS,
    };
  }

  /** A stream's sessions, oldest first, with who placed each and why (`tt streams show`). */
  sessionsWithReasons(streamId: string): {
    sessionId: string;
    title: string | null;
    start: number;
    end: number | null;
    placedBy: AssignedBy;
    reason: string;
  }[] {
    return this.sql(
      `SELECT ss.session_id AS sessionId, COALESCE(s.custom_title, s.summary, s.first_prompt) AS title,
              s.start_time AS start, s.end_time AS "end", ss.assigned_by AS placedBy,
              COALESCE(ss.reason, ?) AS reason
         FROM session_streams ss LEFT JOIN sessions s USING (session_id)
        WHERE ss.stream_id = ? ORDER BY s.start_time, ss.session_id`,
    ).all(PLACED_BEFORE_REASONS, streamId) as ReturnType<StreamRepo['sessionsWithReasons']>;
  }

  // ------------------------------------------------------------------ find and quality

  /** Every stream's id, name and the stream it was merged into (null when live). */
  streamNames(): { id: string; name: string; merged_into: string | null }[] {
    return this.sql('SELECT id, name, merged_into FROM streams').all() as {
      id: string;
      name: string;
      merged_into: string | null;
    }[];
  }

  /**
   * The sessions touching [start, end), with their stream (as assigned, before merges), project,
   * and whether `needle` (lower case; null matches all) is in their title columns or prompts.
   */
  findSessions(needle: string | null, start: number, end: number): FoundSessionRow[] {
    return this.sql(
      `SELECT ss.stream_id AS streamId, s.project_name AS project,
              CASE WHEN @needle IS NULL THEN 1 ELSE (
                instr(lower(coalesce(s.custom_title, '') || ' ' || coalesce(s.summary, '') || ' ' ||
                            coalesce(s.first_prompt, '')), @needle) > 0
                OR EXISTS (SELECT 1 FROM session_prompts p
                            WHERE p.session_id = s.session_id AND instr(lower(p.text), @needle) > 0)
              ) END AS textHit
         FROM sessions s
         LEFT JOIN session_streams ss ON ss.session_id = s.session_id
        WHERE coalesce(s.end_time, s.start_time) >= @start AND s.start_time < @end`,
    ).all({ needle, start, end }) as FoundSessionRow[];
  }

  /**
   * Main sessions a person reviewed (placed, or in a stream they renamed or confirmed), each
   * with its weight (duration, at least `minWeightMs`) and one row per proposal made for it.
   */
  reviewedProposals(minWeightMs: number): ReviewedProposalRow[] {
    return this.sql(
      `SELECT s.session_id, ss.stream_id AS truth,
              max(COALESCE(s.end_time, s.start_time) - s.start_time, @minWeightMs) AS weight,
              p.source, p.stream_id AS proposed, p.proposed_at
       FROM session_streams ss
       JOIN sessions s ON s.session_id = ss.session_id
       JOIN streams st ON st.id = ss.stream_id
       LEFT JOIN stream_proposals p ON p.session_id = ss.session_id
       WHERE s.is_subagent = 0 AND (ss.assigned_by = 'user' OR st.name_locked = 1 OR st.reviewed = 1)`,
    ).all({ minWeightMs }) as ReviewedProposalRow[];
  }
}
