// What a person's edit changed, as writes that another machine can apply: per stream, the
// fields a person decides (name, locks, merge) that changed, and per session or event, its
// assignment as the edit left it. Writes are last-writer-wins per key, ordered by the edit's
// hybrid logical clock stamp, so machines that apply the same edits in any order agree.

/** The stream fields that are a person's word (the rest is derived from assignments). */
export const PERSON_STREAM_FIELDS = [
  'name',
  'name_locked',
  'reviewed',
  'source',
  'merged_into',
  'project_key',
] as const;

export type PersonStreamField = (typeof PERSON_STREAM_FIELDS)[number];

export interface StreamState {
  id: string;
  name: string;
  confidence: number;
  source: 'directory' | 'llm' | 'user';
  reviewed: number;
  name_locked: number;
  project_key: string | null;
  created_at: number;
  merged_into: string | null;
}

export interface AssignmentState {
  stream_id: string;
  assigned_by: 'directory' | 'llm' | 'user';
  /** sessions only: events have none */
  confidence?: number;
}

export interface StreamWrite {
  id: string;
  /** The fields the edit changed; null when the edit removed the stream. */
  fields: Partial<Pick<StreamState, PersonStreamField>> | null;
  /** The stream as the edit left it (or found it), to create it where it does not exist yet. */
  base: StreamState | null;
}

export interface AssignmentWrite {
  id: string;
  row: AssignmentState | null;
}

/** An entry of time added by hand, as an edit left it. */
export interface ManualEntryState {
  stream_id: string;
  start_ms: number;
  end_ms: number;
  note: string;
  machine_id: string | null;
  created_at: number;
}

export interface ManualEntryWrite {
  id: string;
  /** null when the edit deleted the entry */
  row: ManualEntryState | null;
}

export interface EditWrites {
  streams: StreamWrite[];
  sessions: AssignmentWrite[];
  events: AssignmentWrite[];
  /** entries added by hand (absent in segments from a tt without them) */
  manual?: ManualEntryWrite[];
  /** Writes of kinds this tt does not know (a newer tt's edits): kept with the op, so they travel on. */
  [otherKind: string]: unknown;
}

interface Snapshot<
  S,
  A extends AssignmentState = AssignmentState,
  E extends AssignmentState = A,
  M extends ManualEntryState = ManualEntryState,
> {
  streams: { id: string; row: S | null }[];
  sessions: { id: string; row: A | null }[];
  events: { id: string; row: E | null }[];
  manual?: { id: string; row: M | null }[];
}

function manualState(row: ManualEntryState | null): ManualEntryState | null {
  if (row === null) return null;
  const { stream_id, start_ms, end_ms, note, machine_id, created_at } = row;
  return { stream_id, start_ms, end_ms, note, machine_id, created_at };
}

function manualWrites(
  before: Snapshot<unknown>['manual'],
  after: Snapshot<unknown>['manual'],
): ManualEntryWrite[] {
  const old = new Map((before ?? []).map((entry) => [entry.id, JSON.stringify(manualState(entry.row))]));
  return (after ?? [])
    .map(({ id, row }) => ({ id, row: manualState(row) }))
    .filter(({ id, row }) => (old.get(id) ?? 'null') !== JSON.stringify(row));
}

function streamState(row: StreamState): StreamState {
  const { id, name, confidence, source, reviewed, name_locked, project_key, created_at, merged_into } = row;
  return { id, name, confidence, source, reviewed, name_locked, project_key, created_at, merged_into };
}

function assignmentState(row: AssignmentState | null): AssignmentState | null {
  if (row === null) return null;
  const state: AssignmentState = { stream_id: row.stream_id, assigned_by: row.assigned_by };
  if (row.confidence !== undefined) state.confidence = row.confidence;
  return state;
}

function sameAssignment(a: AssignmentState | null, b: AssignmentState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.stream_id === b.stream_id && a.assigned_by === b.assigned_by && a.confidence === b.confidence;
}

/**
 * The writes that turn `before` into `after` (two snapshots of the same rows). Every stream
 * the edit touched keeps its base, even unchanged, so that an assignment to it can be applied
 * on a machine that has not made that stream yet.
 */
export function editWrites<S extends StreamState>(before: Snapshot<S>, after: Snapshot<S>): EditWrites {
  const beforeStream = new Map(before.streams.map((s) => [s.id, s.row]));
  const streams: StreamWrite[] = [];
  for (const { id, row } of after.streams) {
    const old = beforeStream.get(id) ?? null;
    if (row === null) {
      if (old !== null) streams.push({ id, fields: null, base: null });
      continue;
    }
    const fields: Partial<Pick<StreamState, PersonStreamField>> = {};
    for (const field of PERSON_STREAM_FIELDS) {
      if (old === null || old[field] !== row[field]) Object.assign(fields, { [field]: row[field] });
    }
    streams.push({ id, fields, base: streamState(row) });
  }
  const assignments = (
    was: { id: string; row: AssignmentState | null }[],
    now: { id: string; row: AssignmentState | null }[],
  ): AssignmentWrite[] => {
    const old = new Map(was.map((entry) => [entry.id, assignmentState(entry.row)]));
    return now
      .map(({ id, row }) => ({ id, row: assignmentState(row) }))
      .filter(({ id, row }) => !sameAssignment(old.get(id) ?? null, row));
  };
  const writes: EditWrites = {
    streams,
    sessions: assignments(before.sessions, after.sessions),
    events: assignments(before.events, after.events),
  };
  const manual = manualWrites(before.manual, after.manual);
  if (manual.length > 0) writes.manual = manual;
  return writes;
}

/** Whether the writes change anything a person decides. */
export function changesSomething(writes: EditWrites): boolean {
  return (
    writes.sessions.length > 0 ||
    writes.events.length > 0 ||
    (writes.manual?.length ?? 0) > 0 ||
    writes.streams.some((s) => s.fields === null || Object.keys(s.fields).length > 0)
  );
}

/** The register key of a stream field, of a stream's existence, of an assignment. */
export const registerKey = {
  streamField: (id: string, field: PersonStreamField) => `stream:${id}:${field}`,
  streamRow: (id: string) => `stream:${id}`,
  session: (id: string) => `session:${id}`,
  event: (id: string) => `event:${id}`,
  manual: (id: string) => `manual:${id}`,
};

/**
 * What undo puts back when only some of an edit's writes are still its own (`own`, the rest
 * were overwritten by another machine's later edit): those keys as they were before the edit
 * (`before`), every other row as it is now (`current`, the same rows). A stream the edit made
 * goes again; a stream it removed comes back.
 */
export function undoSnapshot<
  S extends StreamState,
  A extends AssignmentState,
  E extends AssignmentState,
  M extends ManualEntryState,
>(before: Snapshot<S, A, E, M>, current: Snapshot<S, A, E, M>, own: EditWrites): Snapshot<S, A, E, M> {
  const now = <T>(rows: { id: string; row: T | null }[], id: string) =>
    rows.find((entry) => entry.id === id)?.row ?? null;
  const ownStreams = new Map(own.streams.map((s) => [s.id, s]));
  const ownSessions = new Set(own.sessions.map((s) => s.id));
  const ownEvents = new Set(own.events.map((e) => e.id));
  const ownManual = new Set((own.manual ?? []).map((m) => m.id));
  return {
    streams: before.streams.map(({ id, row }) => {
      const write = ownStreams.get(id);
      const present = now(current.streams, id);
      if (write === undefined) return { id, row: present };
      if (row === null || write.fields === null || present === null) return { id, row };
      const restored = { ...present };
      for (const field of Object.keys(write.fields) as PersonStreamField[]) {
        Object.assign(restored, { [field]: row[field] });
      }
      return { id, row: restored };
    }),
    sessions: before.sessions.map(({ id, row }) => ({
      id,
      row: ownSessions.has(id) ? row : now(current.sessions, id),
    })),
    events: before.events.map(({ id, row }) => ({
      id,
      row: ownEvents.has(id) ? row : now(current.events, id),
    })),
    ...(before.manual === undefined
      ? {}
      : {
          manual: before.manual.map(({ id, row }) => ({
            id,
            row: ownManual.has(id) ? row : now(current.manual ?? [], id),
          })),
        }),
  };
}
