import type { Database } from 'better-sqlite3';

// The sync_export_state and sync_segments tables: how far this machine's rows went into its
// segments, and which segment of which machine was written, imported or skipped (and why).

export interface ExportMarks {
  session_change: number;
  event_rowid: number;
  op_seq: number;
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
   * Per machine, the high-water mark: every segment up to it is imported. A ssh pull asks
   * the other side only for segments after it.
   */
  highWaterMarks(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT machine_id, seq FROM sync_segments WHERE status IN ('imported', 'exported') ORDER BY machine_id, seq`,
      )
      .all() as { machine_id: string; seq: number }[];
    const marks = new Map<string, number>();
    for (const { machine_id, seq } of rows) {
      const mark = marks.get(machine_id) ?? 0;
      if (seq === mark + 1) marks.set(machine_id, seq);
      else if (!marks.has(machine_id)) marks.set(machine_id, 0);
    }
    return marks;
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
