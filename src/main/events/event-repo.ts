import type { Database } from 'better-sqlite3';
import type { EventQuery, EventRecord } from '../../shared/api';

// The SQL behind focus and away events: the events table and how far each spool file has been
// read (event_spool_state). Which stream an event is in belongs to streams/stream-repo.ts.

/** A row of the events table, as inference reads it. */
export interface EventTableRow {
  id: string;
  ts: number;
  type: string;
  cwd: string | null;
  project_name: string | null;
  workspace_name: string | null;
  identity_source: string | null;
  git_branch: string | null;
}

interface EventRow {
  id: string;
  ts: number;
  type: EventRecord['type'];
  pane_id: string | null;
  tmux_session: string | null;
  window_index: number | null;
  cwd: string | null;
  project_name: string | null;
  workspace_name: string | null;
  identity_source: EventRecord['identitySource'];
  stream_id: string | null;
  detail: string | null;
}

/** One spooled event to store, with the identity and branch of its directory. */
export interface EventWrite {
  id: string;
  ts: number;
  type: string;
  pane: string | null;
  session: string | null;
  window: number | null;
  cwd: string | null;
  projectName: string | null;
  workspaceName: string | null;
  identitySource: string | null;
  detail: string | null;
  branch: string | null;
}

export class EventRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  list(query: EventQuery = {}): EventRecord[] {
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (query.since !== undefined) {
      conditions.push('e.ts >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      conditions.push('e.ts < ?');
      params.push(query.until);
    }
    if (query.type !== undefined) {
      conditions.push('e.type = ?');
      params.push(query.type);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.trunc(query.limit))}` : '';
    const rows = this.db
      .prepare(
        `SELECT e.*, es.stream_id FROM events e LEFT JOIN event_streams es ON es.event_id = e.id
         ${where} ORDER BY e.ts, e.id ${limit}`,
      )
      // eslint-disable-next-line no-restricted-syntax -- at most three query parameters
      .all(...params) as EventRow[];
    return rows.map(toRecord);
  }

  /** Events in [start, end), oldest first: what inference places. */
  between(start: number, end: number): EventTableRow[] {
    return this.db
      .prepare('SELECT * FROM events WHERE ts >= ? AND ts < ? ORDER BY ts, id')
      .all(start, end) as EventTableRow[];
  }

  /** Stores away marks by their ids (a mark seen twice is one row); returns how many are new. */
  insertAway(marks: readonly { id: string; ts: number; type: string; detail: string }[]): number {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO events (id, ts, type, detail, imported_at) VALUES (?, ?, ?, ?, ?)',
    );
    const now = this.now();
    let inserted = 0;
    this.db.transaction(() => {
      for (const mark of marks) inserted += insert.run(mark.id, mark.ts, mark.type, mark.detail, now).changes;
    })();
    return inserted;
  }

  /**
   * Stores a batch of a spool file's events and moves its read offset to `endOffset`, in one
   * IMMEDIATE transaction; events already stored are ignored. Returns how many are new.
   */
  insertBatch(path: string, endOffset: number, events: readonly EventWrite[]): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO events
         (id, ts, type, pane_id, tmux_session, window_index, cwd, project_name, workspace_name, identity_source,
          imported_at, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setBranch = this.db.prepare('UPDATE events SET git_branch = ? WHERE id = ?');
    const advance = this.db.prepare(
      `INSERT INTO event_spool_state (path, read_offset, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET read_offset = max(read_offset, excluded.read_offset), updated_at = excluded.updated_at`,
    );
    const now = this.now();
    const write = this.db.transaction(() => {
      let inserted = 0;
      for (const event of events) {
        const info = insert.run(
          event.id,
          event.ts,
          event.type,
          event.pane,
          event.session,
          event.window,
          event.cwd,
          event.projectName,
          event.workspaceName,
          event.identitySource,
          now,
          event.detail,
        );
        inserted += info.changes;
        if (info.changes > 0 && event.branch !== null) setBranch.run(event.branch, event.id);
      }
      advance.run(path, endOffset, now);
      return inserted;
    });
    return write.immediate();
  }

  /** How far a spool file has been read (0: never). */
  readOffset(path: string): number {
    const row = this.db.prepare('SELECT read_offset FROM event_spool_state WHERE path = ?').get(path) as
      { read_offset: number } | undefined;
    return row?.read_offset ?? 0;
  }

  /** A spool file shorter than what was read is a new file: read it from the start. */
  rewindIfShorter(path: string, size: number): void {
    this.db
      .prepare('UPDATE event_spool_state SET read_offset = 0 WHERE path = ? AND read_offset > ?')
      .run(path, size);
  }

  /** Forgets a spool file that was deleted. */
  forgetSpool(path: string): void {
    this.db.prepare('DELETE FROM event_spool_state WHERE path = ?').run(path);
  }
}

function toRecord(row: EventRow): EventRecord {
  return {
    id: row.id,
    ts: row.ts,
    type: row.type,
    paneId: row.pane_id,
    tmuxSession: row.tmux_session,
    windowIndex: row.window_index,
    cwd: row.cwd,
    projectName: row.project_name,
    workspaceName: row.workspace_name,
    identitySource: row.identity_source,
    streamId: row.stream_id,
    detail: row.detail,
  };
}
