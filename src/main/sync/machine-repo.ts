import type { Database } from 'better-sqlite3';
import { receive, tick, type Hlc } from '../../core/sync/hlc';

// The machines table: this data dir's own identity (one row with is_local = 1, made by
// migration 11), the machines whose segments it has read, and this machine's clock state.

export interface MachineRow {
  id: string;
  name: string;
  is_local: number;
  instance: string | null;
  last_seen_at: number | null;
  first_seen_at: number;
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

  /** A machine met through its segments: its name follows what it calls itself. */
  noteSeen(machine: { id: string; name: string; instance: string }, seenAt: number, now: number): void {
    this.db
      .prepare(
        `INSERT INTO machines (id, name, instance, last_seen_at, first_seen_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name,
             instance = coalesce(machines.instance, excluded.instance),
             last_seen_at = max(coalesce(machines.last_seen_at, 0), excluded.last_seen_at)
           WHERE machines.is_local = 0`,
      )
      .run(machine.id, machine.name, machine.instance, seenAt, now);
  }

  /** This machine's instance: a random id of its segment writer, made once (a copied data dir keeps it). */
  localInstance(newId: () => string): string {
    const local = this.local();
    if (local.instance !== null) return local.instance;
    const instance = newId();
    this.db.prepare('UPDATE machines SET instance = ? WHERE id = ?').run(instance, local.id);
    return instance;
  }

  private clock(): Hlc {
    const row = this.db
      .prepare('SELECT id, hlc_wall, hlc_counter FROM machines WHERE is_local = 1')
      .get() as { id: string; hlc_wall: number; hlc_counter: number };
    return { wall: row.hlc_wall, counter: row.hlc_counter, machine: row.id };
  }

  private saveClock(stamp: Hlc): void {
    this.db
      .prepare('UPDATE machines SET hlc_wall = ?, hlc_counter = ? WHERE is_local = 1')
      .run(stamp.wall, stamp.counter);
  }

  /** A new stamp for a local edit (call inside the edit's transaction). */
  stamp(now: number): Hlc {
    const next = tick(this.clock(), now);
    this.saveClock(next);
    return next;
  }

  /** Moves this machine's clock past a stamp seen in another machine's edit. */
  witness(remote: Hlc, now: number): void {
    this.saveClock(receive(this.clock(), remote, now));
  }
}
