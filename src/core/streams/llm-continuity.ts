// Continuing a stream by its name. The model is shown the previous windows' streams with their
// ids, but it sometimes gives continuing work a fresh id; a group whose name matches a previous
// stream of the same project (ignoring case and whitespace) continues that stream instead of
// becoming its twin.

import type { ValidatedStream } from './llm-answer';
import type { KnownStream } from './stream-model';

export interface PreviousStream extends KnownStream {
  /** the projects of the sessions it held in the previous window */
  projects: ReadonlySet<string>;
}

/** A name as the comparison sees it: "  Auth  Refactor " and "auth refactor" are one name. */
export function comparableName(name: string): string {
  return name.replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en-US');
}

/**
 * Groups that do not continue a previous stream by id but match one by name and project are
 * turned into its continuation; two groups that then continue the same stream become one.
 */
export function continueByName(
  streams: readonly ValidatedStream[],
  previous: readonly PreviousStream[],
  projectOf: (sessionId: string) => string | undefined,
): ValidatedStream[] {
  const result: ValidatedStream[] = [];
  const byId = new Map<string, ValidatedStream>();
  const add = (stream: ValidatedStream): void => {
    const existing = stream.continues ? byId.get(stream.answerId) : undefined;
    if (existing === undefined) {
      const copy = { ...stream, sessionIds: [...stream.sessionIds] };
      result.push(copy);
      if (copy.continues) byId.set(copy.answerId, copy);
      return;
    }
    for (const id of stream.sessionIds) if (!existing.sessionIds.includes(id)) existing.sessionIds.push(id);
    existing.confidence = Math.max(existing.confidence, stream.confidence);
  };
  for (const stream of streams.filter((s) => s.continues)) add(stream);
  for (const stream of streams.filter((s) => !s.continues)) {
    const name = comparableName(stream.name);
    const projects = new Set(stream.sessionIds.map(projectOf).filter((p) => p !== undefined));
    const match = previous.find(
      (p) => comparableName(p.name) === name && [...p.projects].some((project) => projects.has(project)),
    );
    add(match ? { ...stream, answerId: match.id, continues: true } : stream);
  }
  return result;
}
