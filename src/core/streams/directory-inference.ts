// Directory-based inference (offline): one stream per project identity and feature branch,
// with an id derived from that key so that running it again gives the same streams, and a
// confidence that says how much the evidence supports it (directory-confidence.ts).

import { directoryConfidence, type ConfidenceEvidence } from './directory-confidence';
import { placeKeyAndName } from './project-identity';
import { directoryStreamId } from './stream-id';
import type { ProjectIdentity } from './stream-model';

export interface DirectoryStream {
  id: string;
  name: string;
  projectKey: string;
}

/** The stream of work in this checkout on this branch (null: unknown). */
export function directoryStreamFor(identity: ProjectIdentity, branch: string | null = null): DirectoryStream {
  const { key, name } = placeKeyAndName(identity, branch);
  return { id: directoryStreamId(key), name, projectKey: key };
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
 * Groups sessions by project identity and feature branch. Returns the directory stream of every
 * session and its confidence (subagents get their parent's), and the streams, keyed by id.
 */
export function inferByDirectory(
  sessions: readonly (ConfidenceEvidence & { sessionId: string; parentSessionId: string | null })[],
): {
  streamOf: Map<string, string>;
  confidenceOf: Map<string, number>;
  streams: Map<string, DirectoryStream>;
} {
  const streams = new Map<string, DirectoryStream>();
  const own = new Map<string, string>();
  const parentOf = new Map<string, string | null>();
  const confidenceOf = new Map<string, number>();
  for (const session of sessions) {
    const stream = directoryStreamFor(session.identity, session.branch);
    streams.set(stream.id, stream);
    own.set(session.sessionId, stream.id);
    parentOf.set(session.sessionId, session.parentSessionId);
    confidenceOf.set(session.sessionId, directoryConfidence(session));
  }
  for (const session of sessions) {
    const root = rootSessionOf(session.sessionId, parentOf);
    confidenceOf.set(session.sessionId, confidenceOf.get(root)!);
  }
  const streamOf = followParents(own, parentOf);
  const used = new Set(streamOf.values());
  for (const id of [...streams.keys()]) if (!used.has(id)) streams.delete(id);
  return { streamOf, confidenceOf, streams };
}
