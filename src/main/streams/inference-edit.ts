import type { PlacementPlan } from '../../core/streams/placement-plan';
import type { EditSnapshot, EventStreamRow, SessionStreamRow, StreamRepo, StreamRow } from './stream-repo';

// One inference run as one edit (issue 23): the rows it changes are noted as they were before
// it first touched them, across the transactions of the run (a run with Claude writes one per
// window), and the run is logged as one edit, so that undo takes the whole run back exactly and
// redo puts it back. It is not journaled for sync: its writes would reach the other machines as
// a person's word (registers that beat inference there), which a run is not.
export class InferenceEdit {
  private readonly streams = new Map<string, StreamRow | null>();
  private readonly sessions = new Map<string, SessionStreamRow | null>();
  private readonly events = new Map<string, EventStreamRow | null>();
  /** what finish() logged: the edit's description, or null (nothing changed, or not finished) */
  logged: string | null = null;

  constructor(private readonly repo: StreamRepo) {}

  /** Inside the transaction that writes `plan`, before it is written. */
  notePlan(plan: PlacementPlan): void {
    const from = [...plan.sessionWrites, ...plan.eventWrites].flatMap((w) => (w.from ? [w.from] : []));
    this.note({
      streams: [...plan.streams.map((s) => s.id), ...from],
      sessions: plan.sessionWrites.map((w) => w.sessionId),
      events: plan.eventWrites.map((w) => w.eventId),
    });
  }

  /** Inside the run's last transaction, before empty streams are removed: those it will remove. */
  noteRemovable(): void {
    this.note({ streams: this.repo.removableStreamIds() });
  }

  private note(ids: { streams?: string[]; sessions?: string[]; events?: string[] }): void {
    const snapshot = this.repo.snapshot({
      streams: (ids.streams ?? []).filter((id) => !this.streams.has(id)),
      sessions: (ids.sessions ?? []).filter((id) => !this.sessions.has(id)),
      events: (ids.events ?? []).filter((id) => !this.events.has(id)),
    });
    for (const { id, row } of snapshot.streams) this.streams.set(id, row);
    for (const { id, row } of snapshot.sessions) this.sessions.set(id, row);
    for (const { id, row } of snapshot.events) this.events.set(id, row);
  }

  /**
   * Logs the run as one undoable edit named `description`, inside the run's last transaction
   * (after derived figures are refreshed). Returns the description, or null when the run
   * changed nothing (then nothing is logged: undo would seem to do nothing).
   */
  finish(description: string): string | null {
    const before: EditSnapshot = {
      streams: [...this.streams].map(([id, row]) => ({ id, row })),
      sessions: [...this.sessions].map(([id, row]) => ({ id, row })),
      events: [...this.events].map(([id, row]) => ({ id, row })),
    };
    const after = this.repo.snapshot({
      streams: [...this.streams.keys()],
      sessions: [...this.sessions.keys()],
      events: [...this.events.keys()],
    });
    if (!changesPlacements(before, after)) return null;
    this.repo.logEdit(description, before, { kind: 'inference' });
    this.logged = description;
    return description;
  }
}

/** Whether any assignment, or any stream's existence, name or source, differs. */
function changesPlacements(before: EditSnapshot, after: EditSnapshot): boolean {
  const streamKey = (row: StreamRow | null) => (row ? JSON.stringify([row.name, row.source]) : 'none');
  const afterStreams = new Map(after.streams.map((s) => [s.id, s.row]));
  if (before.streams.some((s) => streamKey(s.row) !== streamKey(afterStreams.get(s.id) ?? null))) return true;
  const same = <T>(a: { id: string; row: T | null }[], b: { id: string; row: T | null }[]) => {
    const other = new Map(b.map((entry) => [entry.id, JSON.stringify(entry.row)]));
    return a.every((entry) => JSON.stringify(entry.row) === other.get(entry.id));
  };
  return !same(before.sessions, after.sessions) || !same(before.events, after.events);
}
