import type { Database, Statement } from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';
import { registerKey, type EditWrites, PERSON_STREAM_FIELDS } from '../../core/sync/edit-writes';

// The person_ops and person_registers tables: every edit a person made on any machine, as the
// writes it made and its clock stamp, and per written key the latest stamp with its value.

export interface PersonOp {
  id: string;
  hlc: string;
  machine: string;
  description: string;
  writes: EditWrites;
  /** per stream field written, the register stamp its machine held when the edit was made */
  seen?: Record<string, string | null>;
}

export interface SyncConflict {
  streamId: string;
  field: string;
  kept: { value: unknown; machine: string };
  other: { value: unknown; machine: string };
  at: number;
}

export interface Register {
  hlc: string;
  value: unknown;
}

export class PersonOps {
  /** offer() runs once per row an edit wrote: an inference run can write thousands. */
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM person_ops WHERE id = ?').get(id) !== undefined;
  }

  insert(op: PersonOp): void {
    this.db
      .prepare(
        'INSERT INTO person_ops (id, hlc, machine_id, description, writes, seen) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        op.id,
        op.hlc,
        op.machine,
        op.description,
        JSON.stringify(op.writes),
        op.seen === undefined ? null : JSON.stringify(op.seen),
      );
  }

  /** Notes two machines' edits of one field that did not see each other, and which was kept. */
  noteConflict(conflict: SyncConflict): void {
    this.db
      .prepare(
        `INSERT INTO sync_conflicts (stream_id, field, kept_value, kept_machine, other_value, other_machine, at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        conflict.streamId,
        conflict.field,
        JSON.stringify(conflict.kept.value),
        conflict.kept.machine,
        JSON.stringify(conflict.other.value),
        conflict.other.machine,
        conflict.at,
      );
  }

  /** The conflicts noted since `after` (a conflict's at), newest last. */
  conflictsSince(after: number): SyncConflict[] {
    const rows = this.db.prepare('SELECT * FROM sync_conflicts WHERE at > ? ORDER BY id').all(after) as {
      stream_id: string;
      field: string;
      kept_value: string | null;
      kept_machine: string;
      other_value: string | null;
      other_machine: string;
      at: number;
    }[];
    const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));
    return rows.map((row) => ({
      streamId: row.stream_id,
      field: row.field,
      kept: { value: parse(row.kept_value), machine: row.kept_machine },
      other: { value: parse(row.other_value), machine: row.other_machine },
      at: row.at,
    }));
  }

  get(id: string): PersonOp | null {
    const row = this.db
      .prepare('SELECT id, hlc, machine_id, description, writes FROM person_ops WHERE id = ?')
      .get(id) as
      { id: string; hlc: string; machine_id: string; description: string; writes: string } | undefined;
    if (!row) return null;
    return {
      id: row.id,
      hlc: row.hlc,
      machine: row.machine_id,
      description: row.description,
      writes: JSON.parse(row.writes) as EditWrites,
    };
  }

  register(key: string): Register | null {
    const row = this.db.prepare('SELECT hlc, value FROM person_registers WHERE key = ?').get(key) as
      { hlc: string; value: string | null } | undefined;
    if (!row) return null;
    return { hlc: row.hlc, value: row.value === null ? null : (JSON.parse(row.value) as unknown) };
  }

  /** Sets the register when `hlc` is later than what it holds; says whether it did. */
  offer(key: string, hlc: string, value: unknown): boolean {
    const result = this.sql(
      `INSERT INTO person_registers (key, hlc, value) VALUES (?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET hlc = excluded.hlc, value = excluded.value
           WHERE excluded.hlc > person_registers.hlc`,
    ).run(key, hlc, value === null ? null : JSON.stringify(value));
    return result.changes > 0;
  }

  /** Records a local edit: its writes win every register (its stamp is the latest this machine knows). */
  recordLocal(op: PersonOp): void {
    this.insert(op);
    for (const stream of op.writes.streams) {
      if (stream.fields === null) this.offer(registerKey.streamRow(stream.id), op.hlc, 'removed');
      else {
        for (const field of PERSON_STREAM_FIELDS) {
          if (field in stream.fields)
            this.offer(registerKey.streamField(stream.id, field), op.hlc, stream.fields[field]);
        }
      }
    }
    for (const { id, row } of op.writes.sessions) this.offer(registerKey.session(id), op.hlc, row);
    for (const { id, row } of op.writes.events) this.offer(registerKey.event(id), op.hlc, row);
    for (const { id, row } of op.writes.manual ?? []) this.offer(registerKey.manual(id), op.hlc, row);
  }

  /** How many of this machine's edits came after `seq` (what the next export sends). */
  countLocalSince(machine: string, seq: number): number {
    return this.db
      .prepare('SELECT count(*) FROM person_ops WHERE machine_id = ? AND seq > ?')
      .pluck()
      .get(machine, seq) as number;
  }

  /** This machine's edits after `seq` (the export's high-water mark), oldest first. */
  localSince(machine: string, seq: number, limit: number): (PersonOp & { seq: number })[] {
    const rows = this.db
      .prepare(
        `SELECT seq, id, hlc, machine_id, description, writes, seen FROM person_ops
           WHERE machine_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(machine, seq, limit) as {
      seq: number;
      id: string;
      hlc: string;
      machine_id: string;
      description: string;
      writes: string;
      seen: string | null;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      hlc: row.hlc,
      machine: row.machine_id,
      description: row.description,
      writes: JSON.parse(row.writes) as EditWrites,
      ...(row.seen === null ? {} : { seen: JSON.parse(row.seen) as Record<string, string | null> }),
    }));
  }
}
