import type { Database } from 'better-sqlite3';
import { changesSomething, editWrites } from '../../core/sync/edit-writes';
import { encodeHlc } from '../../core/sync/hlc';
import type { EditSnapshot } from '../streams/stream-repo';
import { MachineRepo } from './machine-repo';
import { PersonOps } from './person-ops';

// Every edit a person makes here (undo and redo too: each is an edit of its own) becomes an
// op with a globally unique id and a clock stamp, exported by sync to the other machines.
export class EditJournal {
  private readonly machines: MachineRepo;
  private readonly ops: PersonOps;

  constructor(
    db: Database,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {
    this.machines = new MachineRepo(db);
    this.ops = new PersonOps(db);
  }

  /**
   * Records what the edit changed (the same rows before and after it); call inside the
   * edit's transaction. Returns the op's id, or null when it changed nothing.
   */
  record(description: string, before: EditSnapshot, after: EditSnapshot): string | null {
    const writes = editWrites(before, after);
    if (!changesSomething(writes)) return null;
    const stamp = this.machines.stamp(this.now());
    const id = this.newId();
    this.ops.recordLocal({ id, hlc: encodeHlc(stamp), machine: stamp.machine, description, writes });
    return id;
  }
}
