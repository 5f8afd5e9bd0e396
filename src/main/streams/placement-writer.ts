import type { PlacementPlan } from '../../core/streams/placement-plan';
import type { InferenceEdit } from './inference-edit';
import type { RunStats } from './run-stats';
import type { StreamRepo } from './stream-repo';

// Writes a placement plan (core/streams/placement-plan.ts decides; this only writes), inside
// the caller's transaction: the streams first, since the assignments refer to them. With
// `edit`, the rows are noted as they were first, so that the run can be undone.

export function writePlacementPlan(
  repo: StreamRepo,
  plan: PlacementPlan,
  stats: RunStats,
  edit?: InferenceEdit,
): void {
  edit?.notePlan(plan);
  for (const stream of plan.streams) stats.noteStream(stream.id, repo.upsertStream(stream));
  for (const write of plan.sessionWrites) {
    if (repo.assignSession(write.sessionId, write.streamId, write.by, write.confidence, write.why)) {
      stats.noteMove(write.from, write.streamId);
    }
  }
  for (const write of plan.eventWrites) {
    if (repo.assignEvent(write.eventId, write.streamId, write.by, write.why))
      stats.noteMove(write.from, write.streamId);
  }
  stats.sessionsAssigned += plan.sessionsAssigned;
  stats.eventsAssigned += plan.eventsAssigned;
}
