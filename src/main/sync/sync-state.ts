import type { Database } from 'better-sqlite3';

// The sync_export_state and sync_segments tables: how far this machine's rows went into its
// segments, and which segment of which machine was written, imported or skipped (and why).

export interface ExportMarks {
  session_change: number;
  event_rowid: number;
  op_seq: number;
}

/** A machine's segments held here: all up to `mark`, and these above it. */
export interface Holding {
  mark: number;
  above: number[];
}

export class SyncState {
  constructor(private readonly db: Database) {}

  exportMarks(): ExportMarks {
    return this.db
      .prepare('SELECT session_change, event_rowid, op_seq FROM sync_export_state WHERE id = 1')
      .get() as ExportMarks;
  }

  saveExportMarks(marks: ExportMarks): void {
    this.db
      .prepare('UPDATE sync_export_state SET session_change = ?, event_rowid = ?, op_seq = ? WHERE id = 1')
      .run(marks.session_change, marks.event_rowid, marks.op_seq);
  }

  /** The highest segment number recorded for a machine (0 when none). */
  lastSeq(machine: string): number {
    return (
      (this.db
        .prepare(
          "SELECT coalesce(max(seq), 0) FROM sync_segments WHERE machine_id = ? AND status != 'skipped'",
        )
        .pluck()
        .get(machine) as number) ?? 0
    );
  }

  /** Per machine: the highest segment imported or written, and the skipped ones with why. */
  perMachine(): Map<string, { last: number | null; skipped: { seq: number; reason: string }[] }> {
    const rows = this.db
      .prepare('SELECT machine_id, seq, status, reason FROM sync_segments ORDER BY machine_id, seq')
      .all() as { machine_id: string; seq: number; status: string; reason: string | null }[];
    const result = new Map<string, { last: number | null; skipped: { seq: number; reason: string }[] }>();
    for (const row of rows) {
      const entry = result.get(row.machine_id) ?? { last: null, skipped: [] };
      if (row.status === 'skipped') entry.skipped.push({ seq: row.seq, reason: row.reason ?? '' });
      else entry.last = Math.max(entry.last ?? 0, row.seq);
      result.set(row.machine_id, entry);
    }
    return result;
  }

  isDone(machine: string, seq: number): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM sync_segments WHERE machine_id = ? AND seq = ? AND status != 'skipped'")
        .get(machine, seq) !== undefined
    );
  }

  /**
   * Per machine, what is here: the high-water mark (every segment up to it is imported or
   * written) and the segments above it that are too (past a gap: a skipped one). `tt sync ssh`
   * sends the other side only what it does not hold.
   */
  holdings(): Map<string, Holding> {
    const rows = this.db
      .prepare(
        `SELECT machine_id, seq FROM sync_segments WHERE status IN ('imported', 'exported') ORDER BY machine_id, seq`,
      )
      .all() as { machine_id: string; seq: number }[];
    const held = new Map<string, Holding>();
    for (const { machine_id, seq } of rows) {
      const entry = held.get(machine_id) ?? { mark: 0, above: [] };
      if (entry.above.length === 0 && seq === entry.mark + 1) entry.mark = seq;
      else entry.above.push(seq);
      held.set(machine_id, entry);
    }
    return held;
  }

  mark(
    machine: string,
    seq: number,
    status: 'imported' | 'exported' | 'skipped',
    reason: string | null,
    at: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO sync_segments (machine_id, seq, status, reason, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(machine_id, seq) DO UPDATE SET status = excluded.status, reason = excluded.reason, at = excluded.at`,
      )
      .run(machine, seq, status, reason, at);
  }
}
