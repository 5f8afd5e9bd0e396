import { inferByDirectory, rootSessionOf } from '../../core/streams/directory-inference';
import { assignFocusEvents } from '../../core/streams/focus-assignment';
import type { StreamEvent, StreamSession } from '../../core/streams/stream-model';
import type { RunStats } from './run-stats';
import type { AssignedBy, StreamRepo } from './stream-repo';

// Writing where sessions and events go, shared by both kinds of inference. Every method
// skips what a person placed (assigned_by = 'user') and follows merges (merged_into).
export class StreamPlacement {
  constructor(private readonly repo: StreamRepo) {}

  /**
   * Puts the sessions in `only` into their directory streams, except those a person placed.
   * A subagent goes where its parent is; a stream that was merged away sends its sessions to
   * the stream it was merged into.
   */
  placeInDirectoryStreams(
    sessions: readonly StreamSession[],
    only: ReadonlySet<string>,
    stats: RunStats,
  ): void {
    const current = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const { streamOf, streams } = inferByDirectory(sessions);
    for (const session of sessions) {
      const id = session.sessionId;
      if (!only.has(id) || current.get(id)?.assigned_by === 'user') continue;
      const root = rootSessionOf(id, parentOf);
      const rootRow = root !== id ? current.get(root) : undefined;
      let target: string;
      if (rootRow?.assigned_by === 'user') {
        target = rootRow.stream_id;
      } else {
        const stream = streams.get(streamOf.get(id)!)!;
        target = this.repo.liveStreamId(stream.id);
        if (target === stream.id) {
          stats.noteStream(target, this.repo.upsertStream({ ...stream, source: 'directory' }));
        }
      }
      if (this.repo.assignSession(id, target, 'directory', 1.0)) {
        stats.noteMove(current.get(id)?.stream_id, target);
      }
      stats.sessionsAssigned += 1;
    }
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
              start: s.start,
              end: s.end,
              streamId: row.stream_id,
            },
          ]
        : [];
    });
    const { streamOf, directoryStreams } = assignFocusEvents(events, assignable);
    const pinned = this.repo.eventAssignments(events.map((e) => e.id));
    for (const [eventId, streamId] of streamOf) {
      const existing = pinned.get(eventId);
      if (existing?.assigned_by === 'user') continue;
      let target = this.repo.liveStreamId(streamId);
      const directory = directoryStreams.get(streamId);
      if (directory && target === streamId) {
        stats.noteStream(target, this.repo.upsertStream({ ...directory, source: 'directory' }));
      }
      target = this.repo.liveStreamId(target);
      if (this.repo.assignEvent(eventId, target, by)) stats.noteMove(existing?.stream_id, target);
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
