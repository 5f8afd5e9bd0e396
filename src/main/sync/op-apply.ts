import { decodeHlc, stampProblem } from '../../core/sync/hlc';
import {
  PERSON_STREAM_FIELDS,
  registerKey,
  type AssignmentState,
  type PersonStreamField,
} from '../../core/sync/edit-writes';
import type { OpRecord } from '../../core/sync/segment';
import type { StreamRepo } from '../streams/stream-repo';
import type { MachineRepo } from './machine-repo';
import type { PersonOps } from './person-ops';

// Applies another machine's edit: each write lands only where its clock stamp is later than
// the register's, so the latest decision wins whichever order edits arrive in. A person's
// word from any machine is pinned (assigned_by 'user', name_locked), so inference here
// leaves it alone.
/** The fields whose concurrent edits a person hears of: what they named, and what they merged. */
const CONFLICT_FIELDS = new Set(['name', 'merged_into']);

export class OpApplier {
  constructor(
    private readonly repo: StreamRepo,
    private readonly ops: PersonOps,
    private readonly machines: MachineRepo,
    private readonly now: () => number,
  ) {}

  /**
   * Applies the op unless it was seen before, or is refused: an edit is checked like a local
   * one (a stamp far ahead of this clock, a merge that would close a cycle).
   */
  apply(machine: string, op: OpRecord): 'applied' | 'known' | { refused: string } {
    if (this.ops.has(op.id)) return 'known';
    const stamp = decodeHlc(op.hlc)!;
    const problem = stampProblem(stamp, this.now()) ?? this.mergeProblem(op);
    if (problem !== null) return { refused: problem };
    this.machines.witness(stamp, this.now());
    this.ops.insert({ id: op.id, hlc: op.hlc, machine, description: op.description, writes: op.writes });
    const { streams, sessions, events } = op.writes;
    const reason = `from another machine: ${op.description}`;
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
        const key = registerKey.streamField(stream.id, field);
        const held = this.ops.register(key);
        const kept = this.ops.offer(key, op.hlc, value);
        if (kept && this.repo.getStream(stream.id) !== null)
          this.repo.updateStream(stream.id, { [field]: value });
        this.noteConflict(machine, op, stream.id, field, held, value, kept);
      }
    }
    for (const { id, row } of sessions) {
      if (!this.ops.offer(registerKey.session(id), op.hlc, row)) continue;
      if (row === null) this.repo.unassignSession(id);
      else if (this.streamExists(row))
        this.repo.assignSession(id, row.stream_id, row.assigned_by, row.confidence ?? 1, reason);
    }
    for (const { id, row } of events) {
      if (!this.ops.offer(registerKey.event(id), op.hlc, row)) continue;
      if (row === null) this.repo.unassignEvent(id);
      else if (this.streamExists(row)) this.repo.assignEvent(id, row.stream_id, row.assigned_by, reason);
    }
    // Time added by hand: the latest word on each entry wins (its stream came with the op).
    for (const { id, row } of op.writes.manual ?? []) {
      if (!this.ops.offer(registerKey.manual(id), op.hlc, row)) continue;
      if (row === null) this.repo.deleteManualEntry(id);
      else if (this.repo.getStream(row.stream_id) !== null) this.repo.putManualEntry({ id, ...row });
    }
    return 'applied';
  }

  /**
   * Two machines changed one field (a name, a merge) without either seeing the other's edit:
   * noted, with the value kept and the other one, for the person to hear and switch if they like.
   */
  private noteConflict(
    machine: string,
    op: OpRecord,
    streamId: string,
    field: PersonStreamField,
    held: { hlc: string; value: unknown } | null,
    value: unknown,
    kept: boolean,
  ): void {
    if (held === null || op.seen === undefined || !CONFLICT_FIELDS.has(field)) return;
    const heldBy = decodeHlc(held.hlc)?.machine;
    const key = registerKey.streamField(streamId, field);
    if (heldBy === undefined || heldBy === machine || op.seen[key] === held.hlc) return;
    if (JSON.stringify(held.value) === JSON.stringify(value)) return;
    const incoming = { value, machine };
    const here = { value: held.value, machine: heldBy };
    this.ops.noteConflict({
      streamId,
      field,
      kept: kept ? incoming : here,
      other: kept ? here : incoming,
      at: this.now(),
    });
  }

  /** Why the op's merges are refused (into itself, or into a stream merged into it), or null. */
  private mergeProblem(op: OpRecord): string | null {
    for (const stream of op.writes.streams) {
      const target = stream.fields?.merged_into;
      if (target === undefined || target === null) continue;
      if (target === stream.id) return 'it merges a stream into itself';
      const seen = new Set<string>();
      for (let at: string | null = target; at !== null && !seen.has(at);) {
        if (at === stream.id) return `it merges ${stream.id} into a stream that is merged into it (a cycle)`;
        seen.add(at);
        at = this.repo.getStream(at)?.merged_into ?? null;
      }
    }
    return null;
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
