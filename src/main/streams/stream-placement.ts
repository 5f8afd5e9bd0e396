import {
  inferByDirectory,
  rootSessionOf,
  type DirectoryStream,
} from '../../core/streams/directory-inference';
import { assignFocusEvents } from '../../core/streams/focus-assignment';
import type { StreamEvent, StreamSession } from '../../core/streams/stream-model';
import type { RunStats } from './run-stats';
import type { AssignedBy, StreamRepo } from './stream-repo';

// Writing where sessions and events go, shared by both kinds of inference. Every method
// skips what a person placed (assigned_by = 'user') and follows merges (merged_into).
export class StreamPlacement {
  constructor(private readonly repo: StreamRepo) {}

  /**
   * Puts the sessions in `only` into their directory streams, with the confidence the evidence
   * gives, except those a person placed. A subagent goes where its parent is; a stream that was
   * merged away sends its sessions to the stream it was merged into. Returns the directory
   * stream proposed for each session of `only` (placed or not), for measuring quality.
   */
  placeInDirectoryStreams(
    sessions: readonly StreamSession[],
    only: ReadonlySet<string>,
    stats: RunStats,
  ): Map<string, string> {
    const current = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const { streamOf, confidenceOf, streams } = inferByDirectory(sessions);
    const ensured = new Map<string, string>();
    const proposed = new Map<string, string>();
    for (const session of sessions) {
      const id = session.sessionId;
      if (!only.has(id)) continue;
      proposed.set(id, streamOf.get(id)!);
      if (current.get(id)?.assigned_by === 'user') continue;
      const root = rootSessionOf(id, parentOf);
      const rootRow = root !== id ? current.get(root) : undefined;
      let target: string;
      if (rootRow?.assigned_by === 'user') {
        target = rootRow.stream_id;
      } else {
        target = this.ensureDirectoryStream(streams.get(streamOf.get(id)!)!, stats, ensured);
      }
      const confidence = confidenceOf.get(id)!;
      const before = current.get(id);
      const unchanged =
        before?.stream_id === target &&
        before.assigned_by === 'directory' &&
        before.confidence === confidence;
      if (!unchanged && this.repo.assignSession(id, target, 'directory', confidence)) {
        stats.noteMove(before?.stream_id, target);
      }
      stats.sessionsAssigned += 1;
    }
    return proposed;
  }

  /**
   * The stream a directory stream's work goes to: the stream itself (created or brought up to
   * date once per call), or the stream it was merged into.
   */
  private ensureDirectoryStream(
    stream: DirectoryStream,
    stats: RunStats,
    ensured: Map<string, string>,
  ): string {
    const known = ensured.get(stream.id);
    if (known !== undefined) return known;
    const target = this.repo.liveStreamId(stream.id);
    if (target === stream.id) {
      stats.noteStream(target, this.repo.upsertStream({ ...stream, source: 'directory' }));
    }
    ensured.set(stream.id, target);
    return target;
  }

  /** Focus events follow the nearest session of their project, else its directory stream. */
  placeEvents(
    events: readonly StreamEvent[],
    nearby: readonly StreamSession[],
    by: AssignedBy,
    stats: RunStats,
  ): void {
    if (events.length === 0) return;
    const current = this.repo.sessionAssignments(nearby.map((s) => s.sessionId));
    const assignable = nearby.flatMap((s) => {
      const row = current.get(s.sessionId);
      return row
        ? [
            {
              sessionId: s.sessionId,
              identity: s.identity,
              branch: s.branch,
              start: s.start,
              end: s.end,
              streamId: row.stream_id,
            },
          ]
        : [];
    });
    const { streamOf, directoryStreams } = assignFocusEvents(events, assignable);
    const pinned = this.repo.eventAssignments(events.map((e) => e.id));
    const ensured = new Map<string, string>();
    for (const [eventId, streamId] of streamOf) {
      const existing = pinned.get(eventId);
      if (existing?.assigned_by === 'user') continue;
      const directory = directoryStreams.get(streamId);
      let target = ensured.get(streamId);
      if (target === undefined) {
        target = directory
          ? this.ensureDirectoryStream(directory, stats, ensured)
          : this.repo.liveStreamId(streamId);
        ensured.set(streamId, target);
      }
      const unchanged = existing?.stream_id === target && existing.assigned_by === by;
      if (!unchanged && this.repo.assignEvent(eventId, target, by))
        stats.noteMove(existing?.stream_id, target);
      stats.eventsAssigned += 1;
    }
  }

  /** Subagents of the window go where their parent is now, unless a person placed them. */
  followParents(
    sessions: readonly StreamSession[],
    inWindow: readonly StreamSession[],
    stats: RunStats,
  ): void {
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const current = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    for (const session of inWindow) {
      const root = rootSessionOf(session.sessionId, parentOf);
      const own = current.get(session.sessionId);
      const parent = current.get(root);
      if (root === session.sessionId || !parent || own?.assigned_by === 'user') continue;
      if (
        this.repo.assignSession(session.sessionId, parent.stream_id, parent.assigned_by, parent.confidence)
      ) {
        stats.noteMove(own?.stream_id, parent.stream_id);
      }
    }
  }
}
