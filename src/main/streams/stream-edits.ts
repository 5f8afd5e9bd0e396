import type {
  EditResult,
  ManualEntry,
  ManualEntryInput,
  ManualEntryUpdate,
  RedoResult,
  UndoResult,
} from '../../shared/api';
import { directoryStreamFor } from '../../core/streams/directory-inference';
import { rangeProblem } from '../../shared/time-range';
import { MachineRepo } from '../sync/machine-repo';
import { cleanStreamName, commonTitle } from '../../shared/stream-name';
import { manualNoteSchema, streamNameSchema } from '../../shared/api-schemas';
import { formatDuration, formatEditTime, sessionLabel } from '../../shared/wording';
import type { SessionRepo } from '../sessions/session-repo';
import { TtError } from '../errors';
import type { ServiceContext } from '../service-context';
import { undoSnapshot } from '../../core/sync/edit-writes';
import type { EditJournal } from '../sync/edit-journal';
import type { EditSnapshot, ManualEntryRow, StreamRepo, StreamRow } from './stream-repo';

/** The shortest id prefix accepted: shorter ones would match by accident. */
const MIN_PREFIX = 4;

/** An entry added by hand lasts at most a day: a longer one is most likely a typo. */
const MAX_MANUAL_ENTRY_MS = 24 * 60 * 60 * 1000;

// A person's edits to streams. Each is one transaction that first logs the rows it is about
// to change, as they were, so that undo can put them back exactly.
export class StreamEdits {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: StreamRepo,
    private readonly sessions: SessionRepo,
    private readonly newId: () => string,
    private readonly journal: EditJournal,
  ) {}

  /** A live stream by id or unique id prefix, or a not-found error that says which. */
  requireStream(idOrPrefix: string): StreamRow {
    const exact = this.repo.getStream(idOrPrefix);
    if (exact && exact.merged_into === null) return exact;
    if (exact) {
      const live = this.repo.getStream(this.repo.liveStreamId(exact.id))!;
      throw new TtError('not-found', `stream ${idOrPrefix} was merged into "${live.name}" (${live.id})`);
    }
    return uniqueByPrefix(idOrPrefix, 'stream', (prefix) => this.repo.findByPrefix(prefix));
  }

  private edit(
    description: string,
    snapshotIds: Parameters<StreamRepo['snapshot']>[0],
    apply: () => void,
  ): EditResult {
    this.repo.transaction(() => {
      const before = this.repo.snapshot(snapshotIds);
      apply();
      this.repo.refreshDerived();
      const op = this.journal.record(description, before, this.repo.snapshot(snapshotIds));
      this.repo.logEdit(description, before, { op });
    });
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { description, canUndo: true };
  }

  /** "12 Feb 14:03": now, as a placement's reason says when a person decided it. */
  private when(): string {
    return formatEditTime(this.ctx.now());
  }

  rename(id: string, name: string): EditResult {
    const parsed = streamNameSchema.safeParse(name);
    if (!parsed.success) throw new TtError('input', parsed.error.issues[0]?.message ?? 'invalid name');
    const stream = this.requireStream(id);
    return this.edit(`Renamed "${stream.name}" to "${parsed.data}"`, { streams: [stream.id] }, () =>
      this.repo.updateStream(stream.id, { name: parsed.data, name_locked: 1, source: 'user' }),
    );
  }

  confirm(id: string): EditResult {
    const stream = this.requireStream(id);
    // Confirming again would log an edit that changes nothing, and undo would seem to do nothing.
    if (stream.reviewed === 1 && !this.repo.hasUnpinnedSessions(stream.id)) {
      return {
        description: `"${stream.name}" is already confirmed`,
        canUndo: this.repo.lastUndoableEdit() !== null,
        changed: false,
      };
    }
    const sessions = this.repo.sessionIdsOf(stream.id);
    return this.edit(`Confirmed "${stream.name}"`, { streams: [stream.id], sessions }, () => {
      this.repo.updateStream(stream.id, { reviewed: 1 });
      this.repo.pinSessionsOf(stream.id, `you confirmed this stream on ${this.when()}`);
    });
  }

  merge(from: string, into: string): EditResult {
    const source = this.requireStream(from);
    const target = this.requireStream(into);
    if (source.id === target.id) throw new TtError('input', 'cannot merge a stream into itself');
    const snapshot = {
      streams: [source.id, target.id],
      sessions: this.repo.sessionIdsOf(source.id),
      events: this.repo.eventIdsOf(source.id),
    };
    return this.edit(`Merged "${source.name}" into "${target.name}"`, snapshot, () => {
      this.repo.moveAll(source.id, target.id, `merged from stream "${source.name}" on ${this.when()}`);
      this.repo.updateStream(source.id, { merged_into: target.id });
    });
  }

  /** A session by id or unique id prefix, or an error that says which. */
  private requireSession(idOrPrefix: string): string {
    if (this.sessions.exists(idOrPrefix)) return idOrPrefix;
    return uniqueByPrefix(idOrPrefix, 'session', (prefix) => this.sessions.idsByPrefix(prefix));
  }

  moveSession(sessionIdOrPrefix: string, streamId: string): EditResult {
    const sessionId = this.requireSession(sessionIdOrPrefix);
    const target = this.requireStream(streamId);
    const family = this.sessions.family(sessionId);
    const before = this.repo.sessionAssignments(family);
    const streams = [target.id, ...[...before.values()].map((row) => row.stream_id)];
    const subagentCount = family.length - 1;
    const subagents =
      subagentCount > 0 ? ` (with ${subagentCount} subagent${subagentCount === 1 ? '' : 's'})` : '';
    return this.edit(
      `Moved ${sessionLabel(this.sessions.titles([sessionId])[0] ?? null, sessionId, true)}${subagents} to "${target.name}"`,
      { streams, sessions: family },
      () => {
        const reason = `you moved it here on ${this.when()}`;
        for (const id of family) {
          const why = id === sessionId ? reason : `${reason}, with its parent session`;
          this.repo.assignSession(id, target.id, 'user', 1.0, why);
        }
        this.repo.removeEmptyStreams();
      },
    );
  }

  /**
   * A new stream, named by the person (else by the sessions' common title), holding the given
   * sessions with their subagents, pinned there. With `from`, a split: every session must be in
   * that stream. Nothing is changed when any id is wrong.
   */
  newStream(input: { sessionIds: string[]; name?: string; from?: string }): EditResult {
    if (input.sessionIds.length === 0) {
      throw new TtError(
        'input',
        'no sessions selected',
        'name at least one session to put in the new stream',
      );
    }
    const sessionIds = [...new Set(input.sessionIds.map((id) => this.requireSession(id)))];
    const source = input.from === undefined ? null : this.requireStream(input.from);
    if (source) {
      const assignments = this.repo.sessionAssignments(sessionIds);
      const outside = sessionIds.filter((id) => assignments.get(id)?.stream_id !== source.id);
      if (outside.length > 0) {
        throw new TtError(
          'input',
          `${outside.length === 1 ? 'session' : 'sessions'} ${outside.join(', ')} not in "${source.name}"`,
          `\`tt sessions list\` shows which stream each session is in`,
        );
      }
    }
    const name = this.nameFor(input.name, sessionIds, source?.name);
    const family = [...new Set(sessionIds.flatMap((id) => this.sessions.family(id)))];
    const streams = [...new Set([...this.repo.sessionAssignments(family).values()].map((r) => r.stream_id))];
    const id = this.newId();
    const count = `${sessionIds.length} session${sessionIds.length === 1 ? '' : 's'}`;
    const verb = source ? `Split ${count} from "${source.name}" into` : `Made a stream of ${count}:`;
    return this.edit(`${verb} "${name}"`, { streams: [...streams, id], sessions: family }, () => {
      this.repo.createUserStream(id, name);
      const reason = `${source ? 'you split it off into this stream' : 'you made this stream of it'} on ${this.when()}`;
      for (const sessionId of family) this.repo.assignSession(sessionId, id, 'user', 1.0, reason);
      this.repo.removeEmptyStreams();
    });
  }

  /**
   * Gives a project's unassigned activity in [start, end), its sessions and its focus events,
   * to a stream (or to a new one named `newName`), pinned there.
   */
  assignUnassigned(input: {
    project: string;
    start: number;
    end: number;
    streamId?: string;
    newName?: string;
  }): EditResult {
    if (!(input.end > input.start))
      throw new TtError('input', 'the end of the range must be after its start');
    if ((input.streamId === undefined) === (input.newName === undefined)) {
      throw new TtError('input', 'give either a stream or a name for a new stream');
    }
    const target = input.streamId === undefined ? null : this.requireStream(input.streamId);
    const name = target ? target.name : this.nameFor(input.newName, [], undefined);
    const sessions = this.repo.unassignedSessions(input.project, input.start, input.end);
    const family = [...new Set(sessions.flatMap((id) => this.sessions.family(id)))];
    const events = this.repo.unassignedEvents(input.project, input.start, input.end);
    if (family.length === 0 && events.length === 0) {
      throw new TtError(
        'input',
        `nothing of project "${input.project}" is unassigned in that range`,
        'the Unassigned lane and `tt report` show what is',
      );
    }
    const id = target?.id ?? this.newId();
    const what = [
      family.length > 0 ? `${family.length} session${family.length === 1 ? '' : 's'}` : '',
      events.length > 0 ? `${events.length} focus event${events.length === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return this.edit(
      `Assigned ${what} of ${input.project} to "${name}"`,
      { streams: [id], sessions: family, events },
      () => {
        if (!target) this.repo.createUserStream(id, name);
        const reason = `you assigned ${input.project}'s unassigned work here on ${this.when()}`;
        for (const sessionId of family) this.repo.assignSession(sessionId, id, 'user', 1.0, reason);
        for (const eventId of events) this.repo.assignEvent(eventId, id, 'user', reason);
      },
    );
  }

  /** The person's name for a new stream, else the sessions' common title, else a plain one. */
  private nameFor(given: string | undefined, sessionIds: string[], splitFrom: string | undefined): string {
    if (given !== undefined) {
      const parsed = streamNameSchema.safeParse(given);
      if (!parsed.success) throw new TtError('input', parsed.error.issues[0]?.message ?? 'invalid name');
      return parsed.data;
    }
    return (
      commonTitle(this.sessions.titles(sessionIds)) ??
      (splitFrom ? cleanStreamName(`Split from ${splitFrom}`) : 'New stream')
    );
  }

  // ------------------------------------------------------------------ time added by hand

  /** Entries overlapping [start, end), with their stream's name and project. */
  listManual(range: { start: number; end: number }): ManualEntry[] {
    return this.repo.manualEntriesIn(range.start, range.end).map((row) => this.describeManual(row));
  }

  private describeManual(row: ManualEntryRow): ManualEntry {
    const stream = this.repo.getStream(this.repo.liveStreamId(row.stream_id));
    return {
      id: row.id,
      streamId: stream?.id ?? row.stream_id,
      streamName: stream?.name ?? row.stream_id,
      project: stream?.project_key?.split('/')[0] || null,
      start: row.start_ms,
      end: row.end_ms,
      note: row.note,
      machineId: row.machine_id,
    };
  }

  /**
   * Adds time by hand on a stream, or on a project's own stream (made when the project has
   * none). Refused, with nothing written, when it ends before it starts, lasts over a day, names
   * an unknown project or stream, or overlaps another entry.
   */
  addManual(input: ManualEntryInput): EditResult & { id: string } {
    this.checkManualTimes(input.start, input.end);
    if ((input.streamId === undefined) === (input.project === undefined)) {
      throw new TtError('input', 'give either a stream (--stream) or a project (--project)');
    }
    let streamId: string;
    let create: { id: string; name: string; projectKey: string } | null = null;
    let where: string;
    if (input.streamId !== undefined) {
      const stream = this.requireStream(input.streamId);
      [streamId, where] = [stream.id, stream.name];
    } else {
      const project = input.project!.trim();
      if (!this.repo.knownProject(project)) {
        const known = this.repo.knownProjects();
        throw new TtError(
          'input',
          `tt knows no project "${project}"`,
          known.length > 0 ? `known projects: ${known.slice(0, 20).join(', ')}` : 'index your sessions first',
        );
      }
      const own = directoryStreamFor({ projectName: project, workspaceName: null });
      const existing = this.repo.getStream(own.id);
      streamId = existing ? this.repo.liveStreamId(own.id) : own.id;
      if (!existing) create = { id: own.id, name: own.name, projectKey: own.projectKey };
      where = existing ? this.repo.getStream(streamId)!.name : own.name;
    }
    const id = this.newId();
    const row: ManualEntryRow = {
      id,
      stream_id: streamId,
      start_ms: input.start,
      end_ms: input.end,
      note: this.checkNote(input.note),
      machine_id: new MachineRepo(this.ctx.db).local().id,
      created_at: this.ctx.now(),
    };
    const result = this.edit(
      `Added ${minutesOf(row)} by hand to "${where}"`,
      { streams: [streamId], manual: [id] },
      () => {
        this.refuseOverlap(row);
        if (create) this.repo.createDirectoryStream(create);
        this.repo.putManualEntry(row);
      },
    );
    return { ...result, id };
  }

  updateManual(input: ManualEntryUpdate): EditResult {
    const entry = this.requireManual(input.id);
    const row: ManualEntryRow = {
      ...entry,
      start_ms: input.start ?? entry.start_ms,
      end_ms: input.end ?? entry.end_ms,
      note: input.note === undefined ? entry.note : this.checkNote(input.note),
    };
    this.checkManualTimes(row.start_ms, row.end_ms);
    return this.edit(
      `Changed an entry added by hand to ${minutesOf(row)}`,
      { streams: [entry.stream_id], manual: [entry.id] },
      () => {
        this.refuseOverlap(row);
        this.repo.putManualEntry(row);
      },
    );
  }

  deleteManual(id: string): EditResult {
    const entry = this.requireManual(id);
    return this.edit(
      `Deleted ${minutesOf(entry)} added by hand`,
      { streams: [entry.stream_id], manual: [entry.id] },
      () => this.repo.deleteManualEntry(entry.id),
    );
  }

  private checkNote(note: string | undefined): string {
    const parsed = manualNoteSchema.safeParse((note ?? '').trim());
    if (!parsed.success) throw new TtError('input', parsed.error.issues[0]?.message ?? 'invalid note');
    return parsed.data;
  }

  private checkManualTimes(start: number, end: number): void {
    if (!(end > start)) throw new TtError('input', 'an entry must end after it starts');
    const problem = rangeProblem(start, end);
    if (problem !== null) throw new TtError('input', problem);
    if (end - start > MAX_MANUAL_ENTRY_MS) {
      throw new TtError('input', 'an entry added by hand lasts at most 24 hours', 'add one entry per day');
    }
  }

  /** Entries added by hand never overlap: the same minutes cannot be given twice. */
  private refuseOverlap(row: ManualEntryRow): void {
    const other = this.repo.manualEntriesIn(row.start_ms, row.end_ms).find((e) => e.id !== row.id);
    if (other) {
      const span = `${new Date(other.start_ms).toISOString()} – ${new Date(other.end_ms).toISOString()}`;
      throw new TtError(
        'input',
        `it overlaps an entry added by hand (${other.id.slice(0, 8)}, ${span})`,
        'change or delete that entry first (`tt entries list`)',
      );
    }
  }

  private requireManual(idOrPrefix: string): ManualEntryRow {
    const exact = this.repo.manualEntry(idOrPrefix);
    if (exact) return exact;
    return uniqueByPrefix(idOrPrefix, 'entry', (prefix) => this.repo.manualEntriesByPrefix(prefix));
  }

  undo(): UndoResult {
    // The latest edit is looked up under the write lock: two undos at once (the app and the
    // CLI) take back two edits, not the same one twice.
    const undone = this.repo.transaction(() => {
      const entry = this.repo.lastUndoableEdit();
      if (entry === null) return null;
      // The rows as the edit left them (and later edits, all undone already): what redo puts back.
      const after = this.repo.snapshot(idsOf(entry.snapshot));
      // Only what is still this machine's word: another machine's later edit of the same
      // field or assignment (synced since) stays.
      const own = entry.op === null ? null : this.journal.stillOwn(entry.op);
      this.repo.restore(own === null ? entry.snapshot : undoSnapshot(entry.snapshot, after, own));
      this.repo.markUndone(entry.id, after);
      this.repo.refreshDerived();
      // A run of inference is not journaled (its writes would count as a person's word elsewhere).
      if (entry.kind === 'person') {
        this.journal.record(`Undid: ${entry.description}`, after, this.repo.snapshot(idsOf(entry.snapshot)));
      }
      return entry.description;
    });
    if (undone === null) return { undone: null, canUndo: false, canRedo: this.repo.nextRedo() !== null };
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { undone, canUndo: this.repo.lastUndoableEdit() !== null, canRedo: true };
  }

  /** Applies again the edit undone last; a new edit since then leaves nothing to redo. */
  redo(): RedoResult {
    const redone = this.repo.transaction(() => {
      const entry = this.repo.nextRedo();
      if (entry === null) return null;
      const before = this.repo.snapshot(idsOf(entry.redo));
      this.repo.restore(entry.redo);
      this.repo.markRedone(entry.id);
      this.repo.refreshDerived();
      if (entry.kind === 'person') {
        this.journal.record(`Redid: ${entry.description}`, before, this.repo.snapshot(idsOf(entry.redo)));
      }
      return entry.description;
    });
    if (redone !== null) this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { redone, canRedo: this.repo.nextRedo() !== null };
  }
}

function idsOf(snapshot: EditSnapshot): {
  streams: string[];
  sessions: string[];
  events: string[];
  manual: string[];
} {
  return {
    streams: snapshot.streams.map((s) => s.id),
    sessions: snapshot.sessions.map((s) => s.id),
    events: snapshot.events.map((e) => e.id),
    manual: (snapshot.manual ?? []).map((m) => m.id),
  };
}

/** "45m", "1h 30m": an entry's length, for the edit's description. */
function minutesOf(row: ManualEntryRow): string {
  return formatDuration(row.end_ms - row.start_ms);
}

/** The one match of an id prefix, or an error that says why there is none. */
function uniqueByPrefix<T>(
  prefix: string,
  kind: 'stream' | 'session' | 'entry',
  find: (prefix: string) => T[],
): T {
  if (prefix.length < MIN_PREFIX) {
    throw new TtError('input', `an id prefix needs at least ${MIN_PREFIX} characters: "${prefix}"`);
  }
  const matches = find(prefix);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new TtError(
      'input',
      `the id prefix ${prefix} matches several ${kind === 'entry' ? 'entries' : `${kind}s`}`,
      'give more of the id',
    );
  }
  const plural = kind === 'entry' ? 'entries' : `${kind}s`;
  throw new TtError('not-found', `no ${kind} with id ${prefix}`, `run \`tt ${plural} list\` to see the ids`);
}
