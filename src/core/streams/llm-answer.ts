// Checking the model's answer for one window before anything is written, and deciding which
// stream each of its groups becomes. Nothing here trusts the answer: ids that were not in the
// prompt are dropped, each session lands in one stream, names and confidences are bounded.

import { cleanStreamName, oneLineName } from '../../shared/stream-name';
import { clampConfidence, type KnownStream } from './stream-model';

export interface ValidatedStream {
  /** the id the model used */
  answerId: string;
  /** true when answerId is a stream of the previous window: the work continues it */
  continues: boolean;
  name: string;
  sessionIds: string[];
  confidence: number;
  /** the model's one line on why these sessions are one stream (cleaned and cut), if it gave one */
  rationale?: string;
}

/** The longest rationale kept from an answer, in characters. */
export const RATIONALE_MAX_LENGTH = 160;

export interface AnswerNotes {
  unknownSessionIds: number;
  duplicateClaims: number;
  subagentClaims: number;
}

export type AnswerCheck =
  { ok: true; streams: ValidatedStream[]; notes: AnswerNotes } | { ok: false; problem: string };

export interface AnswerContext {
  /** the sessions listed in the prompt */
  sessionIds: ReadonlySet<string>;
  /** parent of each listed session (null for a main session) */
  parentOf: ReadonlyMap<string, string | null>;
  previousStreams: readonly KnownStream[];
}

interface RawStream {
  id: string;
  name: string;
  session_ids: string[];
  confidence: number;
  rationale?: unknown;
}

function isRawStream(value: unknown): value is RawStream {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    Array.isArray(v.session_ids) &&
    v.session_ids.every((id) => typeof id === 'string') &&
    typeof v.confidence === 'number'
  );
}

/** Parses the tool input (an object, or JSON text of one) into streams, or says what is wrong. */
export function validateStreamsAnswer(input: unknown, context: AnswerContext): AnswerCheck {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, problem: 'the answer is not JSON' };
    }
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { streams?: unknown }).streams)
  ) {
    return { ok: false, problem: 'the answer has no "streams" list' };
  }
  const raw = (value as { streams: unknown[] }).streams;
  const bad = raw.findIndex((item) => !isRawStream(item));
  if (bad >= 0) {
    return {
      ok: false,
      problem: `stream ${bad + 1} of the answer lacks an id, name, session_ids or confidence`,
    };
  }

  // A confidence outside [0, 1] means the model did not follow the schema: ask again, never clamp.
  const outOfRange = (raw as RawStream[]).findIndex(
    (item) => !(Number.isFinite(item.confidence) && item.confidence >= 0 && item.confidence <= 1),
  );
  if (outOfRange >= 0) {
    const value = (raw as RawStream[])[outOfRange]!.confidence;
    return {
      ok: false,
      problem: `stream ${outOfRange + 1} of the answer has confidence ${value}, outside 0 to 1`,
    };
  }

  const previousIds = new Set(context.previousStreams.map((s) => s.id));
  const notes: AnswerNotes = { unknownSessionIds: 0, duplicateClaims: 0, subagentClaims: 0 };

  // A session claimed twice goes to the more confident claim (the first one listed on a tie).
  // A claim's confidence is that of the group that made it, even when the answer reuses one
  // id for several groups: a 0.4 group does not borrow the 0.9 of its namesake.
  const owner = new Map<string, { answerId: string; confidence: number }>();
  const byId = new Map<string, ValidatedStream>();
  for (const item of raw as RawStream[]) {
    const answerId = item.id.trim();
    const confidence = clampConfidence(item.confidence);
    const known = item.session_ids.filter((id) => context.sessionIds.has(id));
    notes.unknownSessionIds += item.session_ids.length - known.length;
    for (const sessionId of new Set(known)) {
      const current = owner.get(sessionId);
      if (current === undefined) owner.set(sessionId, { answerId, confidence });
      else if (current.answerId !== answerId) {
        notes.duplicateClaims += 1;
        if (confidence > current.confidence) owner.set(sessionId, { answerId, confidence });
      } else current.confidence = Math.max(current.confidence, confidence);
    }
    // Groups that reuse one id are one stream, as confident as its most confident group.
    const existing = byId.get(answerId);
    const rationale = typeof item.rationale === 'string' ? oneLineName(item.rationale) : '';
    const cut =
      rationale.length > RATIONALE_MAX_LENGTH
        ? `${rationale.slice(0, RATIONALE_MAX_LENGTH - 1).trimEnd()}…`
        : rationale;
    if (existing) {
      for (const id of known) existing.sessionIds.push(id);
      existing.confidence = Math.max(existing.confidence, confidence);
      if (existing.rationale === undefined && cut) existing.rationale = cut;
      continue;
    }
    byId.set(answerId, {
      answerId,
      continues: previousIds.has(answerId),
      name: cleanStreamName(item.name),
      sessionIds: known,
      confidence,
      ...(cut ? { rationale: cut } : {}),
    });
  }
  const streams = [...byId.values()];
  for (const stream of streams) stream.sessionIds = [...new Set(stream.sessionIds)];

  for (const stream of streams) {
    stream.sessionIds = stream.sessionIds.filter((sessionId) => {
      if (owner.get(sessionId)?.answerId !== stream.answerId) return false;
      // A subagent whose parent is in the window follows its parent, whatever the answer says.
      const parent = context.parentOf.get(sessionId);
      if (parent != null && context.sessionIds.has(parent)) {
        notes.subagentClaims += 1;
        return false;
      }
      return true;
    });
  }
  return { ok: true, streams: streams.filter((s) => s.sessionIds.length > 0), notes };
}

export interface ResolvedStream extends ValidatedStream {
  /** the stream id tt uses */
  id: string;
  /** true when a new group was matched to a stream that already held most of its sessions */
  reused: boolean;
}

/**
 * Gives each group its stream id. A previous window's id continues that stream. Any other id
 * is the model's label, not tt's: the group takes the existing stream that already holds a
 * strict majority of its sessions (so inferring the same data again keeps the same streams),
 * else a new id from `newId`. A stream is given to one group per window at most, and only
 * when `canReuse` allows it (a project's directory stream stays the project's).
 */
export function resolveStreamIds(
  streams: readonly ValidatedStream[],
  currentStreamOf: ReadonlyMap<string, string>,
  newId: () => string,
  canReuse: (streamId: string) => boolean = () => true,
): ResolvedStream[] {
  const taken = new Set(streams.filter((s) => s.continues).map((s) => s.answerId));
  const resolved = new Map<ValidatedStream, ResolvedStream>();
  for (const stream of streams) {
    if (stream.continues) resolved.set(stream, { ...stream, id: stream.answerId, reused: false });
  }
  const others = streams
    .filter((s) => !s.continues)
    .sort((a, b) => b.sessionIds.length - a.sessionIds.length || a.answerId.localeCompare(b.answerId));
  for (const stream of others) {
    const counts = new Map<string, number>();
    for (const sessionId of stream.sessionIds) {
      const current = currentStreamOf.get(sessionId);
      if (current !== undefined) counts.set(current, (counts.get(current) ?? 0) + 1);
    }
    let match: string | undefined;
    for (const [id, count] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (count * 2 > stream.sessionIds.length && !taken.has(id) && canReuse(id)) match = id;
    }
    if (match !== undefined) {
      taken.add(match);
      resolved.set(stream, { ...stream, id: match, reused: true });
    } else {
      resolved.set(stream, { ...stream, id: newId(), reused: false });
    }
  }
  return streams.map((s) => resolved.get(s)!);
}
