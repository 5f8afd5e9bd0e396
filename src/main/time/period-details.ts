// What the views show beside the numbers: stream names and projects, and the sessions that
// worked in the period. Read only for the streams and sessions an allocation mentions.

import type { SessionMarker } from '../../shared/api';
import type { Allocation, AllocationInput } from '../../core/time/allocation-types';
import type { StreamInfo } from '../../core/time/views';
import { sessionLabel, sessionTitle } from '../../shared/wording';
import type { TimeReadModel } from './time-read-model';

function idsOf(allocation: Allocation): { streamIds: string[]; sessionIds: string[] } {
  const streamIds: string[] = [];
  const sessionIds: string[] = [];
  for (const stream of allocation.streams) {
    if (stream.streamId !== null) streamIds.push(stream.streamId);
    for (const id of stream.sessionIds) sessionIds.push(id);
  }
  return { streamIds, sessionIds };
}

export function loadSessionMarkers(reads: TimeReadModel, allocation: Allocation): Map<string, SessionMarker> {
  const { sessionIds } = idsOf(allocation);
  const rows = reads.sessionMarkers(sessionIds);
  const markers = new Map<string, SessionMarker>();
  for (const row of rows) {
    markers.set(row.session_id, {
      sessionId: row.session_id,
      start: row.start_time,
      end: row.end_time,
      isSubagent: row.is_subagent === 1,
      label: sessionLabel(
        sessionTitle({ customTitle: row.custom_title, summary: row.summary, firstPrompt: row.first_prompt }),
        row.session_id,
      ),
      projectName: row.project_name,
      agent: row.agent,
      branch: row.git_branch,
    });
  }
  return markers;
}

/**
 * Streams as stored, with the project each belongs to: the project of its directory identity
 * ("tt/feature-x" belongs to "tt"), else the project most of its sessions in the period ran in.
 */
export function loadStreamInfo(
  reads: TimeReadModel,
  allocation: Allocation,
  sessions: ReadonlyMap<string, SessionMarker>,
): Map<string, StreamInfo> {
  const { streamIds } = idsOf(allocation);
  const rows = reads.streams(streamIds);
  const info = new Map<string, StreamInfo>();
  for (const row of rows) {
    const stream = allocation.streams.find((s) => s.streamId === row.id);
    info.set(row.id, {
      name: row.name,
      confidence: row.confidence,
      source: row.source,
      reviewed: row.reviewed === 1,
      project: row.project_key?.split('/')[0] || mostCommonProject(stream?.sessionIds ?? [], sessions),
    });
  }
  return info;
}

function mostCommonProject(
  sessionIds: readonly string[],
  sessions: ReadonlyMap<string, SessionMarker>,
): string | null {
  const counts = new Map<string, number>();
  for (const id of sessionIds) {
    const name = sessions.get(id)?.projectName;
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && name < best))
      [best, bestCount] = [name, count];
  }
  return best;
}

/** Which agent wrote each session the input mentions (spans, their parents, and prompts). */
export function loadSessionAgents(reads: TimeReadModel, input: AllocationInput): Map<string, string> {
  const ids = new Set<string>();
  for (const span of input.spans) ids.add(span.parentSessionId ?? span.sessionId);
  for (const signal of input.signals) if (signal.sessionId !== undefined) ids.add(signal.sessionId);
  const rows = reads.sessionAgents([...ids]);
  return new Map(rows);
}
