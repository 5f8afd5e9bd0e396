import type { Database } from 'better-sqlite3';
import { observedOffset, receive, tick, type Hlc } from '../../core/sync/hlc';

// The machines table: this data dir's own identity (one row with is_local = 1, made by
// migration 11), the machines whose segments it has read, and this machine's clock state.

export interface MachineRow {
  id: string;
  name: string;
  is_local: number;
  instance: string | null;
  last_seen_at: number | null;
  first_seen_at: number;
  /** how far ahead of this machine's clock its clock was when its latest segment was written */
  clock_ahead_ms: number | null;
}

export class MachineRepo {
  constructor(private readonly db: Database) {}

  local(): MachineRow {
    return this.db.prepare('SELECT * FROM machines WHERE is_local = 1').get() as MachineRow;
  }

  get(id: string): MachineRow | null {
    return (this.db.prepare('SELECT * FROM machines WHERE id = ?').get(id) as MachineRow | undefined) ?? null;
  }

  list(): MachineRow[] {
    return this.db.prepare('SELECT * FROM machines ORDER BY is_local DESC, name, id').all() as MachineRow[];
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE machines SET name = ? WHERE id = ?').run(name, id);
  }

  /**
   * A machine met through its segments: its name follows what it calls itself. `seenAt` is
   * when it wrote the segment, by its own clock: its newest segment says how far ahead of this
   * machine's clock that clock is (at least; a segment takes time to arrive).
   */
  noteSeen(machine: { id: string; name: string; instance: string }, seenAt: number, now: number): void {
    this.db
      .prepare(
        `INSERT INTO machines (id, name, instance, last_seen_at, first_seen_at, clock_ahead_ms)
           VALUES (@id, @name, @instance, @seenAt, @now, max(0, @seenAt - @now))
           ON CONFLICT(id) DO UPDATE SET name = excluded.name,
             instance = coalesce(machines.instance, excluded.instance),
             clock_ahead_ms = CASE WHEN excluded.last_seen_at >= coalesce(machines.last_seen_at, 0)
               THEN excluded.clock_ahead_ms ELSE machines.clock_ahead_ms END,
             last_seen_at = max(coalesce(machines.last_seen_at, 0), excluded.last_seen_at)
           WHERE machines.is_local = 0`,
      )
      .run({ ...machine, seenAt, now });
  }

  /** The data dir's identity on disk when this machine last opened it (null before tt noted one). */
  dataDirIdentity(): string | null {
    return this.db.prepare('SELECT data_dir_identity FROM machines WHERE is_local = 1').pluck().get() as
      string | null;
  }

  noteDataDirIdentity(identity: string): void {
    this.db.prepare('UPDATE machines SET data_dir_identity = ? WHERE is_local = 1').run(identity);
  }

  /**
   * A copied data dir becomes a machine of its own, `id`. When the old id has written
   * segments, it stays the original's: its rows here keep it (the original shares them), and
   * this copy writes only under the new id. When it never has, nobody else knows it: the rows
   * simply move to the new id.
   */
  becomeNewMachine(machine: { id: string; name: string; identity: string }, now: number): MachineRow {
    const old = this.local();
    this.db.transaction(() => {
      const { hlc_wall, hlc_counter, hlc_offset } = this.db
        .prepare('SELECT hlc_wall, hlc_counter, hlc_offset FROM machines WHERE is_local = 1')
        .get() as { hlc_wall: number; hlc_counter: number; hlc_offset: number };
      this.db.prepare('UPDATE machines SET is_local = 0, last_seen_at = ? WHERE id = ?').run(now, old.id);
      this.db
        .prepare(
          `INSERT INTO machines (id, name, is_local, hlc_wall, hlc_counter, hlc_offset, first_seen_at, data_dir_identity)
             VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
        )
        .run(machine.id, machine.name, hlc_wall, hlc_counter, hlc_offset, now, machine.identity);
      if (old.instance === null) {
        for (const table of ['sessions', 'events', 'edit_log', 'person_ops']) {
          this.db.prepare(`UPDATE ${table} SET machine_id = ? WHERE machine_id = ?`).run(machine.id, old.id);
        }
        this.db.prepare('DELETE FROM machines WHERE id = ?').run(old.id);
      }
    })();
    return old;
  }

  /** Other machines whose clocks ran ahead of this one's by more than `threshold` ms. */
  aheadBy(threshold: number): { name: string; aheadMs: number }[] {
    return (
      this.db
        .prepare(
          'SELECT name, clock_ahead_ms FROM machines WHERE is_local = 0 AND clock_ahead_ms > ? ORDER BY name',
        )
        .all(threshold) as { name: string; clock_ahead_ms: number }[]
    ).map((row) => ({ name: row.name, aheadMs: row.clock_ahead_ms }));
  }

  /** This machine's instance: a random id of its segment writer, made once (a copied data dir keeps it). */
  localInstance(newId: () => string): string {
    const local = this.local();
    if (local.instance !== null) return local.instance;
    const instance = newId();
    this.db.prepare('UPDATE machines SET instance = ? WHERE id = ?').run(instance, local.id);
    return instance;
  }

  private clock(): { stamp: Hlc; offset: number } {
    const row = this.db
      .prepare('SELECT id, hlc_wall, hlc_counter, hlc_offset FROM machines WHERE is_local = 1')
      .get() as { id: string; hlc_wall: number; hlc_counter: number; hlc_offset: number };
    return {
      stamp: { wall: row.hlc_wall, counter: row.hlc_counter, machine: row.id },
      offset: row.hlc_offset,
    };
  }

  private saveClock(stamp: Hlc, offset: number): void {
    this.db
      .prepare('UPDATE machines SET hlc_wall = ?, hlc_counter = ?, hlc_offset = ? WHERE is_local = 1')
      .run(stamp.wall, stamp.counter, offset);
  }

  /** A new stamp for a local edit (call inside the edit's transaction). */
  stamp(now: number): Hlc {
    const { stamp, offset } = this.clock();
    const next = tick(stamp, now + offset);
    this.saveClock(next, offset);
    return next;
  }

  /**
   * Moves this machine's clock past a stamp seen in another machine's edit, and carries the
   * largest skew seen so far, so that its later edits come after the other machine's earlier ones.
   */
  witness(remote: Hlc, now: number): void {
    const clock = this.clock();
    const offset = observedOffset(clock.offset, remote.wall, now);
    this.saveClock(receive(clock.stamp, remote, now + offset), offset);
  }
}
