// How focus events follow streams: an event goes to the stream of a session in the same
// checkout and on the same branch that is nearest in time (inside a session counts as distance
// 0), else to the directory stream of its checkout and branch. A branch that is unknown on
// either side does not keep them apart.

import { directoryStreamFor } from './directory-inference';
import { projectKey } from './project-identity';
import type { ProjectIdentity } from './stream-model';

export interface AssignableSession {
  sessionId: string;
  identity: ProjectIdentity;
  branch: string | null;
  start: number;
  end: number | null;
  streamId: string;
}

export interface AssignableEvent {
  id: string;
  ts: number;
  identity: ProjectIdentity | null;
  branch: string | null;
}

function sameBranch(
  event: AssignableEvent & { identity: ProjectIdentity },
  session: AssignableSession,
): boolean {
  if (event.branch === null || session.branch === null) return true;
  return (
    directoryStreamFor(event.identity, event.branch).id ===
    directoryStreamFor(session.identity, session.branch).id
  );
}

function distance(ts: number, session: AssignableSession): number {
  const end = session.end ?? session.start;
  if (ts >= session.start && ts <= end) return 0;
  return ts < session.start ? session.start - ts : ts - end;
}

/**
 * The stream of each event with a known project; events without one are left out. Also says
 * which directory streams the events need (a project with focus but no session).
 */
export function assignFocusEvents(
  events: readonly AssignableEvent[],
  sessions: readonly AssignableSession[],
): {
  streamOf: Map<string, string>;
  directoryStreams: Map<string, ReturnType<typeof directoryStreamFor>>;
  /** how far (ms) each event that followed a session was from it: 0 inside it */
  distanceOf: Map<string, number>;
} {
  const byProject = new Map<string, AssignableSession[]>();
  for (const session of sessions) {
    const key = projectKey(session.identity);
    const list = byProject.get(key) ?? [];
    list.push(session);
    byProject.set(key, list);
  }
  const streamOf = new Map<string, string>();
  const directoryStreams = new Map<string, ReturnType<typeof directoryStreamFor>>();
  const distanceOf = new Map<string, number>();
  for (const event of events) {
    if (event.identity === null) continue;
    const located = { ...event, identity: event.identity };
    const candidates = (byProject.get(projectKey(event.identity)) ?? []).filter((s) =>
      sameBranch(located, s),
    );
    let best: AssignableSession | undefined;
    let bestDistance = Infinity;
    for (const session of candidates) {
      const d = distance(event.ts, session);
      // Ties go to the session id that sorts first, so the result does not depend on order.
      if (
        d < bestDistance ||
        (d === bestDistance && best !== undefined && session.sessionId < best.sessionId)
      ) {
        best = session;
        bestDistance = d;
      }
    }
    if (best !== undefined) {
      streamOf.set(event.id, best.streamId);
      distanceOf.set(event.id, bestDistance);
    } else {
      const stream = directoryStreamFor(event.identity, event.branch);
      directoryStreams.set(stream.id, stream);
      streamOf.set(event.id, stream.id);
    }
  }
  return { streamOf, directoryStreams, distanceOf };
}
