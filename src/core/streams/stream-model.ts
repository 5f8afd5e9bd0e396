// The stream model shared by both kinds of inference. A stream is a coherent unit of work;
// sessions and focus events are assigned to one stream each. Times are epoch milliseconds.

import type { ProjectIdentity } from '../identity';

export type { ProjectIdentity };

/** What inference needs to know about one session. */
export interface StreamSession {
  sessionId: string;
  parentSessionId: string | null;
  isSubagent: boolean;
  projectPath: string | null;
  /** The project identity of the session's directory (resolved by the caller). */
  identity: ProjectIdentity;
  /** the git branch most of its messages were written on ("HEAD": detached), null when unknown */
  branch: string | null;
  /** the share of its messages written on that branch (below 1: it changed branch midway) */
  branchShare: number | null;
  start: number;
  end: number | null;
  messageCount: number;
  summary: string | null;
  customTitle: string | null;
  firstPrompt: string | null;
}

/** A focus event, reduced to what inference uses. */
export interface StreamEvent {
  id: string;
  ts: number;
  type: string;
  identity: ProjectIdentity | null;
  /** The pane's directory, for the exclusions a person set (path globs). */
  path?: string | null;
  /** the branch its directory was on when it was imported, null when unknown */
  branch: string | null;
}

/** A stream that already exists, as a prompt or the id resolution needs it. */
export interface KnownStream {
  id: string;
  name: string;
}

/** The span of one LLM call. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The end of a session for overlap tests: a session with no end is an instant. */
export function sessionEnd(session: { start: number; end: number | null }): number {
  return session.end ?? session.start;
}

/** Whether a session's span [start, end] touches the half-open window [start, end). */
export function overlapsWindow(session: { start: number; end: number | null }, window: TimeWindow): boolean {
  return session.start < window.end && sessionEnd(session) >= window.start;
}

/** Confidence in [0, 1]; anything that is not a finite number counts as 0. */
export function clampConfidence(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
