// Where inference puts each session and focus event, and why: the one place that decides.
// Inference reads one snapshot (where everything is now, and which streams were merged),
// this plans, and main/streams/placement-writer.ts writes the plan in one transaction.
//
// The rules, in the order they win:
//   1. A person's placement wins: a session or event a person placed stays where it is.
//   2. With Claude, the overlap rule: a session an earlier window of the run decided stays.
//   3. A subagent goes where its parent session is.
//   4. With Claude, the group Claude put the session in.
//   5. Otherwise the directory stream of its project and branch (directory-inference.ts).
//   Focus events follow the nearest session of their project and branch, else that project
//   and branch's directory stream (focus-assignment.ts).
// Work planned for a stream that was merged away goes to the stream it was merged into.

import { inferByDirectory, rootSessionOf, type DirectoryStream } from './directory-inference';
import { assignFocusEvents } from './focus-assignment';
import { placeDescription } from './project-identity';
import { resolveStreamIds, type ValidatedStream } from './llm-answer';
import { followMerges } from './merges';
import type { StreamEvent, StreamSession } from './stream-model';

export type PlacedBy = 'directory' | 'llm' | 'user';

export interface SessionPlacement {
  streamId: string;
  by: PlacedBy;
  confidence: number;
}

export interface EventPlacement {
  streamId: string;
  by: PlacedBy;
}

/** What inference reads before it decides anything. */
export interface PlacementSnapshot {
  /** where each session of the run (and near it) is now */
  sessions: ReadonlyMap<string, SessionPlacement>;
  /** where each focus event of the run is now */
  events: ReadonlyMap<string, EventPlacement>;
  /** every stream's source, and what it was merged into (null: live) */
  streams: ReadonlyMap<string, { source: PlacedBy; mergedInto: string | null }>;
}

/** Why a session or event is where the plan leaves it: the answer to "why is it in that stream?". */
export type PlacementReason =
  | 'a person placed it'
  | 'an earlier window of this run placed it'
  | 'a person placed its parent session'
  | 'it follows its parent session'
  | 'Claude grouped it'
  | 'its project and branch'
  | 'Claude left it out: its project and branch'
  | 'the nearest session of its project and branch'
  | 'its project and branch (no session of theirs nearby)';

export interface PlannedSession extends SessionPlacement {
  sessionId: string;
  reason: PlacementReason;
  /** the reason in words, with what it is about: what the database keeps and `tt sessions show` prints */
  why: string;
  /** the stream proposed first, when a merge sent the work on to `streamId` */
  mergedFrom?: string;
}

export interface PlannedEvent extends EventPlacement {
  eventId: string;
  reason: PlacementReason;
  why: string;
  mergedFrom?: string;
}

/** A stream the plan puts work in, to create or bring up to date before anything moves there. */
export interface ProposedStream {
  id: string;
  name: string;
  source: 'directory' | 'llm';
  projectKey: string | null;
}

/** A write, in order: `from` is the stream the session or event was in just before it. */
export type SessionWrite = SessionPlacement & { sessionId: string; from: string | undefined; why: string };
export type EventWrite = EventPlacement & { eventId: string; from: string | undefined; why: string };

export interface PlacementPlan {
  streams: ProposedStream[];
  sessionWrites: SessionWrite[];
  eventWrites: EventWrite[];
  /** where each session the run decided ends up, and why (also those a rule kept in place) */
  sessions: Map<string, PlannedSession>;
  events: Map<string, PlannedEvent>;
  /** what the run proposed for each session it decided, a person's word aside: `tt streams quality` */
  proposals: Map<string, string>;
  /** sessions Claude's answer placed: a later window of the run leaves them where they are */
  claimed: string[];
  /** how many sessions and events the run placed (those a person placed are not counted) */
  sessionsAssigned: number;
  eventsAssigned: number;
}

/** Directory inference: every session of `only` goes to its directory stream. */
export interface DirectoryRun {
  kind: 'directory';
  /** the run's sessions, with every ancestor of a subagent among them */
  sessions: readonly StreamSession[];
  only: ReadonlySet<string>;
}

/** One window of inference with Claude, and the validated answer for it ([]: nothing was asked). */
export interface ClaudeWindow {
  kind: 'llm';
  sessions: readonly StreamSession[];
  /** the sessions that overlap the window (the rest of `sessions` are their ancestors) */
  windowSessionIds: readonly string[];
  answer: readonly ValidatedStream[];
  /** sessions an earlier window of this run decided */
  decidedEarlier: ReadonlySet<string>;
  newId: () => string;
}

/** Focus events to place, and the sessions near them whose streams they may follow. */
export interface FocusToPlace {
  events: readonly StreamEvent[];
  nearby: readonly StreamSession[];
  by: 'directory' | 'llm';
}

/** Rule 1, the only place it is checked. */
function placedByPerson(placement: { by: PlacedBy } | undefined): boolean {
  return placement?.by === 'user';
}

/** The sessions a window of Claude inference may still decide: not a person's, not decided earlier. */
export function openSessions(
  snapshot: PlacementSnapshot,
  sessionIds: readonly string[],
  decidedEarlier: ReadonlySet<string>,
): string[] {
  return sessionIds.filter((id) => !decidedEarlier.has(id) && !placedByPerson(snapshot.sessions.get(id)));
}

/** Plans a run (or, with `run` null, only its focus events). Pure: the snapshot is not changed. */
export function planPlacements(
  snapshot: PlacementSnapshot,
  run: DirectoryRun | ClaudeWindow | null,
  focus: FocusToPlace | null,
): PlacementPlan {
  const planner = new Planner(snapshot);
  if (run?.kind === 'directory') {
    for (const [id, stream] of planner.directory(run.sessions, run.only))
      planner.plan.proposals.set(id, stream);
  } else if (run?.kind === 'llm') {
    planner.claudeWindow(run);
  }
  if (focus) planner.focus(focus);
  return planner.plan;
}

/** The plan under construction, and the state it leaves behind so far. */
class Planner {
  readonly plan: PlacementPlan = {
    streams: [],
    sessionWrites: [],
    eventWrites: [],
    sessions: new Map(),
    events: new Map(),
    proposals: new Map(),
    claimed: [],
    sessionsAssigned: 0,
    eventsAssigned: 0,
  };
  /** where each session is once the plan so far is written */
  private readonly after: Map<string, SessionPlacement>;
  private readonly proposedStreams = new Set<string>();

  constructor(private readonly snapshot: PlacementSnapshot) {
    this.after = new Map(snapshot.sessions);
  }

  private live(streamId: string): string {
    return followMerges(streamId, (id) => this.snapshot.streams.get(id)?.mergedInto);
  }

  private propose(stream: ProposedStream): void {
    const key = `${stream.source}:${stream.id}`;
    if (this.proposedStreams.has(key)) return;
    this.proposedStreams.add(key);
    this.plan.streams.push(stream);
  }

  /** A directory stream's work goes to it (created or brought up to date), or where it was merged. */
  private directoryTarget(stream: DirectoryStream): { streamId: string; mergedFrom?: string } {
    const live = this.live(stream.id);
    if (live !== stream.id) return { streamId: live, mergedFrom: stream.id };
    this.propose({ id: stream.id, name: stream.name, source: 'directory', projectKey: stream.projectKey });
    return { streamId: live };
  }

  private place(planned: Omit<PlannedSession, 'why'> & { why: string }): void {
    const { sessionId, streamId, by, confidence } = planned;
    const why = withMerge(planned.why, planned.mergedFrom);
    const before = this.after.get(sessionId);
    const unchanged = before?.streamId === streamId && before.by === by && before.confidence === confidence;
    if (!unchanged)
      this.plan.sessionWrites.push({ sessionId, streamId, by, confidence, from: before?.streamId, why });
    this.after.set(sessionId, { streamId, by, confidence });
    this.plan.sessions.set(sessionId, { ...planned, why });
  }

  private keep(sessionId: string, reason: PlacementReason): void {
    const current = this.after.get(sessionId);
    if (current) this.plan.sessions.set(sessionId, { sessionId, ...current, reason, why: reason });
  }

  /**
   * Rules 1, 3 and 5 for the sessions of `only`. Returns the directory stream proposed for each
   * of them, whether or not it was placed there.
   */
  directory(
    sessions: readonly StreamSession[],
    only: ReadonlySet<string>,
    reason: PlacementReason = 'its project and branch',
  ): Map<string, string> {
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const { streamOf, confidenceOf, streams } = inferByDirectory(sessions);
    const proposed = new Map<string, string>();
    for (const session of sessions) {
      const id = session.sessionId;
      if (!only.has(id)) continue;
      proposed.set(id, streamOf.get(id)!);
      if (placedByPerson(this.after.get(id))) {
        this.keep(id, 'a person placed it');
        continue;
      }
      const root = rootSessionOf(id, parentOf);
      const rootPlacement = root !== id ? this.after.get(root) : undefined;
      const confidence = confidenceOf.get(id)!;
      if (rootPlacement && placedByPerson(rootPlacement)) {
        const streamId = rootPlacement.streamId;
        this.place({
          sessionId: id,
          streamId,
          by: 'directory',
          confidence,
          reason: 'a person placed its parent session',
          why: 'its parent session is where you put it',
        });
      } else if (rootPlacement?.by === 'llm' && !only.has(root)) {
        // A parent this run keeps where Claude put it (a subagent indexed after the run, say).
        this.place({
          sessionId: id,
          streamId: rootPlacement.streamId,
          by: 'directory',
          confidence: rootPlacement.confidence,
          reason: 'it follows its parent session',
          why: 'it follows its parent session, which Claude grouped',
        });
      } else {
        const target = this.directoryTarget(streams.get(streamOf.get(id)!)!);
        const place = placeDescription(session.identity, session.branch);
        const why = reason === 'its project and branch' ? place : `${reason.split(':')[0]}; ${place}`;
        this.place({ sessionId: id, ...target, by: 'directory', confidence, reason, why });
      }
      this.plan.sessionsAssigned += 1;
    }
    return proposed;
  }

  /** Rule 3 for the window's subagents: each goes where its parent is now, with its parent's word. */
  private followParents(sessions: readonly StreamSession[], windowSessionIds: readonly string[]): void {
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    for (const id of windowSessionIds) {
      const root = rootSessionOf(id, parentOf);
      const parent = this.after.get(root);
      if (root === id || !parent || placedByPerson(this.after.get(id))) continue;
      this.place({
        sessionId: id,
        ...parent,
        reason: 'it follows its parent session',
        why: 'it follows its parent session',
      });
    }
  }

  /** Rules 1 to 5 for one window of inference with Claude. */
  claudeWindow(run: ClaudeWindow): void {
    const { sessions, windowSessionIds, decidedEarlier } = run;
    const known = sessions.filter((s) => this.after.has(s.sessionId));
    const byPerson = new Set(
      known.filter((s) => placedByPerson(this.after.get(s.sessionId))).map((s) => s.sessionId),
    );
    const open = (id: string) => !byPerson.has(id) && !decidedEarlier.has(id);
    for (const id of windowSessionIds) {
      if (byPerson.has(id)) this.keep(id, 'a person placed it');
      else if (decidedEarlier.has(id)) this.keep(id, 'an earlier window of this run placed it');
    }
    // Claims that cannot be written do not count when matching a group to an existing stream.
    // A directory stream is not taken over by a group: sessions the answer leaves out still go
    // there, and would rename it back. A stream a person named may be.
    const currentStreamOf = new Map(
      known.map((s) => [s.sessionId, this.live(this.after.get(s.sessionId)!.streamId)]),
    );
    const groups = run.answer
      .map((stream) => ({ ...stream, sessionIds: stream.sessionIds.filter(open) }))
      .filter((stream) => stream.sessionIds.length > 0);
    const resolved = resolveStreamIds(
      groups,
      currentStreamOf,
      run.newId,
      (id) => this.snapshot.streams.get(id)?.source !== 'directory',
    );
    const claims = new Map<string, { streamId: string; confidence: number; rationale?: string }>();
    for (const stream of resolved) {
      for (const id of stream.sessionIds)
        claims.set(id, { streamId: stream.id, confidence: stream.confidence, rationale: stream.rationale });
    }
    const target = new Map<string, string>();
    for (const stream of resolved) {
      if (!stream.sessionIds.some((id) => claims.get(id)?.streamId === stream.id)) continue;
      const live = this.live(stream.id);
      target.set(stream.id, live);
      this.propose({ id: live, name: stream.name, source: 'llm', projectKey: null });
    }
    for (const [sessionId, claim] of claims) {
      const streamId = target.get(claim.streamId)!;
      const mergedFrom = streamId !== claim.streamId ? { mergedFrom: claim.streamId } : {};
      this.place({
        sessionId,
        streamId,
        by: 'llm',
        confidence: claim.confidence,
        reason: 'Claude grouped it',
        why: claim.rationale ? `Claude grouped it: ${claim.rationale}` : 'Claude grouped it',
        ...mergedFrom,
      });
      this.plan.sessionsAssigned += 1;
      this.plan.claimed.push(sessionId);
    }
    // Left-out sessions go to their directory stream, but subagents follow their parent; one
    // whose parent has no stream at all falls back to the directory stream too.
    const leftOut = windowSessionIds.filter((id) => !claims.has(id) && open(id));
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const leftOutReason = 'Claude left it out: its project and branch';
    this.directory(
      sessions,
      new Set(leftOut.filter((id) => rootSessionOf(id, parentOf) === id)),
      leftOutReason,
    );
    this.followParents(sessions, windowSessionIds);
    this.directory(sessions, new Set(leftOut.filter((id) => !this.after.has(id))), leftOutReason);
    for (const id of [...claims.keys(), ...leftOut]) {
      const placement = this.after.get(id);
      if (placement) this.plan.proposals.set(id, placement.streamId);
    }
  }

  /** Focus events follow the nearest session of their project, else its directory stream. */
  focus({ events, nearby, by }: FocusToPlace): void {
    if (events.length === 0) return;
    const assignable = nearby.flatMap((s) => {
      const placement = this.after.get(s.sessionId);
      return placement ? [{ ...s, streamId: placement.streamId }] : [];
    });
    const { streamOf, directoryStreams, distanceOf } = assignFocusEvents(events, assignable);
    const eventById = new Map(events.map((e) => [e.id, e]));
    for (const [eventId, streamId] of streamOf) {
      const current = this.snapshot.events.get(eventId);
      if (placedByPerson(current)) {
        this.plan.events.set(eventId, {
          eventId,
          ...current!,
          reason: 'a person placed it',
          why: 'a person placed it',
        });
        continue;
      }
      const event = eventById.get(eventId)!;
      const place = placeDescription(event.identity!, event.branch);
      const directory = directoryStreams.get(streamId);
      const target = directory
        ? {
            ...this.directoryTarget(directory),
            reason: 'its project and branch (no session of theirs nearby)' as const,
            why: `focus in ${place}, no session of it nearby`,
          }
        : {
            ...this.followedMerge(streamId),
            reason: 'the nearest session of its project and branch' as const,
            why: nearestWords(distanceOf.get(eventId) ?? 0, place),
          };
      target.why = withMerge(target.why, target.mergedFrom);
      if (current?.streamId !== target.streamId || current.by !== by) {
        this.plan.eventWrites.push({
          eventId,
          streamId: target.streamId,
          by,
          from: current?.streamId,
          why: target.why,
        });
      }
      this.plan.events.set(eventId, { eventId, by, ...target });
      this.plan.eventsAssigned += 1;
    }
  }

  private followedMerge(streamId: string): { streamId: string; mergedFrom?: string } {
    const live = this.live(streamId);
    return live === streamId ? { streamId } : { streamId: live, mergedFrom: streamId };
  }
}

/** "within 4 min of a session of project spotter in this stream" (inside one: "during …"). */
function nearestWords(distanceMs: number, place: string): string {
  if (distanceMs === 0) return `during a session of ${place} in this stream`;
  const minutes = Math.max(1, Math.round(distanceMs / 60_000));
  return `within ${minutes} min of a session of ${place} in this stream`;
}

/** A reason, and that the stream it named was merged into this one since. */
function withMerge(why: string, mergedFrom: string | undefined): string {
  return mergedFrom === undefined ? why : `${why} (its stream was merged into this one)`;
}
