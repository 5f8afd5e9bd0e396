import type { Database } from 'better-sqlite3';
import {
  PERSON_STREAM_FIELDS,
  changesSomething,
  editWrites,
  registerKey,
  type EditWrites,
  type PersonStreamField,
} from '../../core/sync/edit-writes';
import { decodeHlc, encodeHlc } from '../../core/sync/hlc';
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
    // What this machine held of each field it overwrites: another machine's edit of the same
    // field that this one never saw is a conflict, said where they meet.
    const seen: Record<string, string | null> = {};
    for (const stream of writes.streams) {
      for (const field of Object.keys(stream.fields ?? {}) as PersonStreamField[]) {
        const key = registerKey.streamField(stream.id, field);
        seen[key] = this.ops.register(key)?.hlc ?? null;
      }
    }
    this.ops.recordLocal({ id, hlc: encodeHlc(stamp), machine: stamp.machine, description, writes, seen });
    return id;
  }

  /**
   * Of an edit's writes, those whose key still holds this machine's word: no other machine
   * wrote it later. (This machine's own later edits are undone before this one, in order.)
   * Null when the op is unknown.
   */
  stillOwn(opId: string): EditWrites | null {
    const op = this.ops.get(opId);
    if (op === null) return null;
    const local = this.machines.local().id;
    const mine = (key: string) => {
      const register = this.ops.register(key);
      return register === null || decodeHlc(register.hlc)?.machine === local;
    };
    return {
      streams: op.writes.streams.flatMap((stream) => {
        if (stream.fields === null) return mine(registerKey.streamRow(stream.id)) ? [stream] : [];
        const fields = Object.fromEntries(
          PERSON_STREAM_FIELDS.filter(
            (field) => field in stream.fields! && mine(registerKey.streamField(stream.id, field)),
          ).map((field) => [field, stream.fields![field]]),
        );
        return Object.keys(fields).length > 0 ? [{ ...stream, fields }] : [];
      }),
      sessions: op.writes.sessions.filter((w) => mine(registerKey.session(w.id))),
      events: op.writes.events.filter((w) => mine(registerKey.event(w.id))),
      manual: (op.writes.manual ?? []).filter((w) => mine(registerKey.manual(w.id))),
    };
  }
}
