import type { Database, Statement } from 'better-sqlite3';
import type { EventRecord } from '../../core/sync/segment';

// Focus and away events as sync carries them: immutable, so a set union by id. An id another
// machine already holds is a clash: the event stays as it was, and the import says so.

const COLUMNS = [
  'id',
  'ts',
  'type',
  'pane_id',
  'tmux_session',
  'window_index',
  'cwd',
  'project_name',
  'workspace_name',
  'identity_source',
  'detail',
  'git_branch',
] as const;

export type EventImport = 'imported' | 'known' | { claimedBy: string };

export class EventSyncRows {
  private readonly insert: Statement;
  private readonly owner: Statement;

  constructor(private readonly db: Database) {
    const values = COLUMNS.map((c) => `@${c}`).join(', ');
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO events (${COLUMNS.join(', ')}, imported_at, machine_id)
         VALUES (${values}, @imported_at, @machine_id)`,
    );
    this.owner = db.prepare('SELECT machine_id FROM events WHERE id = ?').pluck();
  }

  latestRowid(): number {
    return (this.db.prepare('SELECT coalesce(max(rowid), 0) FROM events').pluck().get() as number) ?? 0;
  }

  /** How many of this machine's events came after `after` (what the next export sends). */
  countSince(machine: string, after: number): number {
    return this.db
      .prepare('SELECT count(*) FROM events WHERE rowid > ? AND machine_id = ?')
      .pluck()
      .get(after, machine) as number;
  }

  /** This machine's events with rowid in (after, upTo], oldest first. */
  since(machine: string, after: number, upTo: number): EventRecord[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS.join(', ')} FROM events WHERE rowid > ? AND rowid <= ? AND machine_id = ? ORDER BY rowid`,
      )
      .all(after, upTo, machine) as EventRecord['row'][];
    return rows.map((row) => ({ kind: 'event', row }));
  }

  importEvent(machine: string, record: EventRecord, now: number): EventImport {
    const inserted = this.insert.run({ ...record.row, imported_at: now, machine_id: machine });
    if (inserted.changes > 0) return 'imported';
    const owner = this.owner.get(record.row.id) as string | null;
    return owner === machine ? 'known' : { claimedBy: owner ?? 'this machine' };
  }
}
