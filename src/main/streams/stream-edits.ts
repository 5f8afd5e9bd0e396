import type { EditResult, UndoResult } from '../../shared/api';
import { streamNameSchema } from '../../shared/api-schemas';
import { TtError } from '../errors';
import type { ServiceContext } from '../service-context';
import type { StreamRepo, StreamRow } from './stream-repo';

/** The shortest id prefix accepted: shorter ones would match by accident. */
const MIN_PREFIX = 4;

// A person's edits to streams. Each is one transaction that first logs the rows it is about
// to change, as they were, so that undo can put them back exactly.
export class StreamEdits {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: StreamRepo,
  ) {}

  /** A live stream by id or unique id prefix, or a not-found error that says which. */
  private requireStream(idOrPrefix: string): StreamRow {
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
      this.repo.logEdit(description, this.repo.snapshot(snapshotIds));
      apply();
      this.repo.refreshDerived();
    });
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { description, canUndo: true };
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
      this.repo.pinSessionsOf(stream.id);
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
      this.repo.moveAll(source.id, target.id);
      this.repo.updateStream(source.id, { merged_into: target.id });
    });
  }

  /** A session by id or unique id prefix, or an error that says which. */
  private requireSession(idOrPrefix: string): string {
    if (this.repo.sessionExists(idOrPrefix)) return idOrPrefix;
    return uniqueByPrefix(idOrPrefix, 'session', (prefix) => this.repo.sessionIdsByPrefix(prefix));
  }

  moveSession(sessionIdOrPrefix: string, streamId: string): EditResult {
    const sessionId = this.requireSession(sessionIdOrPrefix);
    const target = this.requireStream(streamId);
    const family = this.repo.sessionFamily(sessionId);
    const before = this.repo.sessionAssignments(family);
    const streams = [target.id, ...[...before.values()].map((row) => row.stream_id)];
    const subagentCount = family.length - 1;
    const subagents =
      subagentCount > 0 ? ` (with ${subagentCount} subagent${subagentCount === 1 ? '' : 's'})` : '';
    return this.edit(
      `Moved ${this.repo.sessionLabel(sessionId)}${subagents} to "${target.name}"`,
      { streams, sessions: family },
      () => {
        for (const id of family) this.repo.assignSession(id, target.id, 'user', 1.0);
        this.repo.removeEmptyStreams();
      },
    );
  }

  undo(): UndoResult {
    // The latest edit is looked up under the write lock: two undos at once (the app and the
    // CLI) take back two edits, not the same one twice.
    const undone = this.repo.transaction(() => {
      const entry = this.repo.lastUndoableEdit();
      if (entry === null) return null;
      this.repo.restore(entry.snapshot);
      this.repo.markUndone(entry.id);
      this.repo.refreshDerived();
      return entry.description;
    });
    if (undone === null) return { undone: null, canUndo: false };
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { undone, canUndo: this.repo.lastUndoableEdit() !== null };
  }
}

/** The one match of an id prefix, or an error that says why there is none. */
function uniqueByPrefix<T>(prefix: string, kind: 'stream' | 'session', find: (prefix: string) => T[]): T {
  if (prefix.length < MIN_PREFIX) {
    throw new TtError('input', `an id prefix needs at least ${MIN_PREFIX} characters: "${prefix}"`);
  }
  const matches = find(prefix);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new TtError('input', `the id prefix ${prefix} matches several ${kind}s`, 'give more of the id');
  }
  throw new TtError('not-found', `no ${kind} with id ${prefix}`, `run \`tt ${kind}s list\` to see the ids`);
}
