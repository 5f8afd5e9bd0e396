import { decodeHlc } from '../../core/sync/hlc';
import { PERSON_STREAM_FIELDS, registerKey, type AssignmentState } from '../../core/sync/edit-writes';
import type { OpRecord } from '../../core/sync/segment';
import type { StreamRepo } from '../streams/stream-repo';
import type { MachineRepo } from './machine-repo';
import type { PersonOps } from './person-ops';

// Applies another machine's edit: each write lands only where its clock stamp is later than
// the register's, so the latest decision wins whichever order edits arrive in. A person's
// word from any machine is pinned (assigned_by 'user', name_locked), so inference here
// leaves it alone.
export class OpApplier {
  constructor(
    private readonly repo: StreamRepo,
    private readonly ops: PersonOps,
    private readonly machines: MachineRepo,
    private readonly now: () => number,
  ) {}

  /** Applies the op unless it was seen before; returns whether it was new. */
  apply(machine: string, op: OpRecord): boolean {
    if (this.ops.has(op.id)) return false;
    this.machines.witness(decodeHlc(op.hlc)!, this.now());
    this.ops.insert({ id: op.id, hlc: op.hlc, machine, description: op.description, writes: op.writes });
    const { streams, sessions, events } = op.writes;
    // Streams first (assignments refer to them), all made before any merged_into points at one.
    for (const stream of streams) {
      if (stream.fields !== null && stream.base !== null && this.repo.getStream(stream.id) === null) {
        this.repo.createStreamFrom({
          ...stream.base,
          ...this.registeredFields(stream.id),
          merged_into: null,
        });
      }
    }
    for (const stream of streams) {
      if (stream.fields === null) {
        if (this.ops.offer(registerKey.streamRow(stream.id), op.hlc, 'removed')) {
          this.repo.removeStreamIfUnused(stream.id);
        }
        continue;
      }
      for (const field of PERSON_STREAM_FIELDS) {
        if (!(field in stream.fields)) continue;
        const value = stream.fields[field] ?? null;
        if (field === 'merged_into' && value !== null && this.repo.getStream(String(value)) === null)
          continue;
        if (this.ops.offer(registerKey.streamField(stream.id, field), op.hlc, value)) {
          if (this.repo.getStream(stream.id) !== null) this.repo.updateStream(stream.id, { [field]: value });
        }
      }
    }
    for (const { id, row } of sessions) {
      if (!this.ops.offer(registerKey.session(id), op.hlc, row)) continue;
      if (row === null) this.repo.unassignSession(id);
      else if (this.streamExists(row))
        this.repo.assignSession(id, row.stream_id, row.assigned_by, row.confidence ?? 1);
    }
    for (const { id, row } of events) {
      if (!this.ops.offer(registerKey.event(id), op.hlc, row)) continue;
      if (row === null) this.repo.unassignEvent(id);
      else if (this.streamExists(row)) this.repo.assignEvent(id, row.stream_id, row.assigned_by);
    }
    // Time added by hand: the latest word on each entry wins (its stream came with the op).
    for (const { id, row } of op.writes.manual ?? []) {
      if (!this.ops.offer(registerKey.manual(id), op.hlc, row)) continue;
      if (row === null) this.repo.deleteManualEntry(id);
      else if (this.repo.getStream(row.stream_id) !== null) this.repo.putManualEntry({ id, ...row });
    }
    return true;
  }

  private streamExists(row: AssignmentState): boolean {
    return this.repo.getStream(row.stream_id) !== null;
  }

  /** The person fields registers hold for a stream (a stream made again keeps its latest words). */
  private registeredFields(id: string): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const field of PERSON_STREAM_FIELDS) {
      if (field === 'merged_into') continue;
      const register = this.ops.register(registerKey.streamField(id, field));
      if (register !== null) fields[field] = register.value;
    }
    return fields;
  }
}
