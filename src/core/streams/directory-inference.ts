// Directory-based inference: one stream per project identity, confidence 1.0, with an id
// derived from the project key so that running it again gives the same streams.

import { directoryStreamName, projectKey } from './project-identity';
import { directoryStreamId } from './stream-id';
import type { ProjectIdentity } from './stream-model';

export interface DirectoryStream {
  id: string;
  name: string;
  projectKey: string;
}

export function directoryStreamFor(identity: ProjectIdentity): DirectoryStream {
  const key = projectKey(identity);
  return { id: directoryStreamId(key), name: directoryStreamName(identity), projectKey: key };
}

/**
 * The session each session takes its stream from: itself, or for a subagent its top-most
 * parent among `parentOf` (a subagent works for its parent, wherever it happened to run).
 */
export function rootSessionOf(sessionId: string, parentOf: ReadonlyMap<string, string | null>): string {
  let current = sessionId;
  const seen = new Set<string>([current]);
  for (;;) {
    const parent = parentOf.get(current);
    if (parent == null || !parentOf.has(parent) || seen.has(parent)) return current;
    seen.add(parent);
    current = parent;
  }
}

/**
 * Sets every subagent's stream to its parent's (top-most known parent's) stream. Sessions in
 * `pinned` (a person put them somewhere) keep theirs.
 */
export function followParents(
  streamOf: ReadonlyMap<string, string>,
  parentOf: ReadonlyMap<string, string | null>,
  pinned: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const result = new Map(streamOf);
  for (const sessionId of streamOf.keys()) {
    if (pinned.has(sessionId)) continue;
    const root = rootSessionOf(sessionId, parentOf);
    const rootStream = streamOf.get(root);
    if (root !== sessionId && rootStream !== undefined) result.set(sessionId, rootStream);
  }
  return result;
}

/**
 * Groups sessions by project identity. Returns the directory stream of every session
 * (subagents get their parent's) and the streams themselves, keyed by id.
 */
export function inferByDirectory(
  sessions: readonly { sessionId: string; parentSessionId: string | null; identity: ProjectIdentity }[],
): { streamOf: Map<string, string>; streams: Map<string, DirectoryStream> } {
  const streams = new Map<string, DirectoryStream>();
  const own = new Map<string, string>();
  const parentOf = new Map<string, string | null>();
  for (const session of sessions) {
    const stream = directoryStreamFor(session.identity);
    streams.set(stream.id, stream);
    own.set(session.sessionId, stream.id);
    parentOf.set(session.sessionId, session.parentSessionId);
  }
  const streamOf = followParents(own, parentOf);
  const used = new Set(streamOf.values());
  for (const id of [...streams.keys()]) if (!used.has(id)) streams.delete(id);
  return { streamOf, streams };
}
