import type { PlacementPlan } from '../../core/streams/placement-plan';
import type { RunStats } from './run-stats';
import type { StreamRepo } from './stream-repo';

// Writes a placement plan (core/streams/placement-plan.ts decides; this only writes), inside
// the caller's transaction: the streams first, since the assignments refer to them.

export function writePlacementPlan(repo: StreamRepo, plan: PlacementPlan, stats: RunStats): void {
  for (const stream of plan.streams) stats.noteStream(stream.id, repo.upsertStream(stream));
  for (const write of plan.sessionWrites) {
    if (repo.assignSession(write.sessionId, write.streamId, write.by, write.confidence)) {
      stats.noteMove(write.from, write.streamId);
    }
  }
  for (const write of plan.eventWrites) {
    if (repo.assignEvent(write.eventId, write.streamId, write.by)) stats.noteMove(write.from, write.streamId);
  }
  stats.sessionsAssigned += plan.sessionsAssigned;
  stats.eventsAssigned += plan.eventsAssigned;
}
