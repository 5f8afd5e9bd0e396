// Agent turns, and the time an agent spent waiting on the person, from one transcript's
// records in file order.
//
// A turn starts when work is handed to the agent: a person's prompt, or the agent going on by
// itself (a task notification, a compaction, a subagent's first record). It ends when the agent
// hands back:
// - at a `turn_duration` record, whose durationMs is the truth. Claude Code leaves out of it
//   the time a question or a permission request waited for the person, so the turn's wall time
//   beyond durationMs is carved out as waiting: first the calls that visibly asked the person
//   (AskUserQuestion, a refused tool), then the longest tool calls (a permission prompt sits
//   before the tool runs), and what is still left over from the turn's start;
// - otherwise (older Claude Code, an interrupted or crashed turn, an unusable durationMs) at
//   its last record before the next prompt or the person's interruption: the record rule. Its records are kept as pieces
//   split at silences over PIECE_GAP_MS; allocation joins the pieces of one turn across
//   silences no longer than the session timeout, so a silence longer than that ends the turn.
//
// Waiting: from a turn's end to the person's next prompt (allocation keeps it only when
// shorter than the session timeout), and a question or permission request until answered.
//
// The state is plain JSON inside the session's parser state, so a turn open at the end of
// one read continues on the next.

import { isPersonPrompt } from './prompt';
import type { TranscriptRecord } from './record';

/** Record-rule pieces break at silences longer than this (allocation re-joins up to the session timeout). */
export const PIECE_GAP_MS = 5 * 60_000;
/** A tool call shorter than this cannot hold a permission wait worth carving out. */
const LONG_TOOL_CALL_MS = 30_000;
/** How many long tool calls a turn remembers for carving (the longest are kept). */
const KEPT_TOOL_CALLS = 16;
/** How Claude Code records that the person interrupted the agent. */
const INTERRUPTED_PREFIX = '[Request interrupted by user';
/** Timestamps of a turn's first record and its turn_duration differ by this much in practice. */
const DURATION_TOLERANCE_MS = 2_000;

/**
 * No stored row is longer than this, so that a period's rows are found by their start within
 * this much before it (core/time/allocation-margins.ts): longer agent and pending rows are stored in
 * pieces (the same join key joins them again), and a longer handback never counts as waiting
 * (the session timeout is at most a day) so it is not stored.
 */
export const STORED_SPAN_MAX_MS = 24 * 60 * 60_000;

/** Rows as they are stored: none longer than STORED_SPAN_MAX_MS. */
export function storableRows(rows: readonly TimeSpanRow[]): TimeSpanRow[] {
  const stored: TimeSpanRow[] = [];
  for (const r of rows) {
    if (r.end - r.start <= STORED_SPAN_MAX_MS) stored.push(r);
    else if (r.kind !== 'handback') {
      for (let from = r.start; from < r.end; from += STORED_SPAN_MAX_MS) {
        stored.push({ ...r, start: from, end: Math.min(r.end, from + STORED_SPAN_MAX_MS) });
      }
    }
  }
  return stored;
}

/** agent: the agent working; handback: finished, until the next prompt; pending: a question or permission request. */
export type TimeSpanKind = 'agent' | 'handback' | 'pending';

export interface TimeSpanRow {
  kind: TimeSpanKind;
  /** the start of the turn the row belongs to: a turn's rows are replaced together */
  turnStart: number;
  /** agent rows with the same key are joined across silences up to the session timeout */
  joinKey: number;
  start: number;
  end: number;
}

/** [start, end, 1 when the call visibly asked the person] */
type ToolCall = [number, number, 0 | 1];

export interface OpenTurn {
  start: number;
  last: number;
  pieceStart: number;
  joinKey: number;
  /** closed record-rule pieces: [start, end, joinKey] */
  pieces: [number, number, number][];
  calls: ToolCall[];
  /** when the tool call now awaiting its result began, and whether it asks the person */
  toolSince: number | null;
  toolAsks: boolean;
}

export interface TurnState {
  open: OpenTurn | null;
  /** the end and start of the last closed turn: a prompt after it ends a wait */
  lastEnd: number | null;
  lastStart: number | null;
}

export function emptyTurnState(): TurnState {
  return { open: null, lastEnd: null, lastStart: null };
}

export const BAD_DURATION = {
  missing: 'turn_duration without a usable durationMs (turn counted by its records)',
  negative: 'turn_duration with a negative durationMs (turn counted by its records)',
  absurd: 'turn_duration longer than the session (turn counted by its records)',
  undated: 'turn_duration without a timestamp (turn counted by its records)',
} as const;

/** Feeds records into a TurnState (mutated) and collects the rows of turns that closed. */
export class TurnTracker {
  readonly closed: TimeSpanRow[] = [];

  constructor(
    readonly state: TurnState,
    /** counts a record that could not be used as it says, by reason */
    private readonly complain: (reason: string) => void,
  ) {}

  /** `ts` is the record's plausible time, or null; `sessionStart` the session's first message. */
  add(record: TranscriptRecord, ts: number | null, sessionStart: number | null): void {
    if (record.type === 'system' && record.subtype === 'turn_duration') {
      this.duration(record, ts, sessionStart);
      return;
    }
    if (ts === null) return;
    if (record.type !== 'user' && record.type !== 'assistant' && record.type !== 'system') return;
    const state = this.state;
    if (isPersonPrompt(record)) {
      this.closeByRecords();
      if (state.lastEnd !== null && ts > state.lastEnd) {
        this.closed.push(row('handback', state.lastStart!, state.lastEnd, state.lastEnd, ts));
      }
      state.open = newTurn(ts);
      return;
    }
    if (state.open === null) {
      // The agent going on by itself. System, meta and compaction-summary records only ever
      // join a turn (a /compact's summary is written before the command that asked for it).
      if (record.type === 'system' || record.isMeta || record.isCompactSummary) return;
      state.open = newTurn(ts);
    }
    this.extend(state.open, record, ts);
    // The person pressed Esc: the turn is over, whatever comes next (a task notification
    // then starts a turn of its own).
    if (record.type === 'user' && record.text?.startsWith(INTERRUPTED_PREFIX)) this.closeByRecords();
  }

  private extend(turn: OpenTurn, record: TranscriptRecord, ts: number): void {
    if (ts < turn.start) turn.start = ts;
    if (ts < turn.pieceStart) turn.pieceStart = ts;
    if (ts - turn.last > PIECE_GAP_MS) {
      turn.pieces.push([turn.pieceStart, turn.last, turn.joinKey]);
      turn.pieceStart = ts;
    }
    if (record.type === 'assistant' && record.usesTool) {
      if (turn.toolSince === null) turn.toolSince = ts;
      if (record.asksPerson) turn.toolAsks = true;
    } else if (record.type === 'user' && record.isToolResult && turn.toolSince !== null) {
      const since = turn.toolSince;
      const asked = turn.toolAsks || record.toolRejected;
      turn.toolSince = null;
      turn.toolAsks = false;
      if (ts > since && asked) {
        turn.calls.push([since, ts, 1]);
        // The wait is not work: the piece before it ends, and the two are never joined.
        if (turn.pieceStart < since) turn.pieces.push([turn.pieceStart, since, turn.joinKey]);
        turn.pieceStart = ts;
        turn.joinKey = ts;
      } else if (ts - since >= LONG_TOOL_CALL_MS) {
        keepLongCall(turn.calls, [since, ts, 0]);
      }
    }
    if (ts > turn.last) turn.last = ts;
  }

  private duration(record: TranscriptRecord, ts: number | null, sessionStart: number | null): void {
    const ms = record.durationMs;
    let problem: string | null = null;
    if (ts === null) problem = BAD_DURATION.undated;
    else if (ms === null) problem = BAD_DURATION.missing;
    else if (ms < 0) problem = BAD_DURATION.negative;
    else if (sessionStart !== null && ms > ts - sessionStart + DURATION_TOLERANCE_MS)
      problem = BAD_DURATION.absurd;
    if (problem !== null || ts === null || ms === null) {
      this.complain(problem ?? BAD_DURATION.missing);
      this.closeByRecords();
      return;
    }
    const turn = this.state.open ?? newTurn(Math.max(sessionStart ?? ts - ms, ts - ms));
    this.state.open = null;
    for (const row of exactRows(turn, ts, ms, sessionStart)) this.closed.push(row);
    this.state.lastEnd = ts;
    this.state.lastStart = turn.start;
  }

  /** The open turn ends at its last record (the record rule). */
  closeByRecords(): void {
    const turn = this.state.open;
    if (turn === null) return;
    for (const r of recordRuleRows(turn)) this.closed.push(r);
    this.state.open = null;
    this.state.lastEnd = turn.last;
    this.state.lastStart = turn.start;
  }
}

function newTurn(ts: number): OpenTurn {
  return {
    start: ts,
    last: ts,
    pieceStart: ts,
    joinKey: ts,
    pieces: [],
    calls: [],
    toolSince: null,
    toolAsks: false,
  };
}

function row(
  kind: TimeSpanKind,
  turnStart: number,
  joinKey: number,
  start: number,
  end: number,
): TimeSpanRow {
  return { kind, turnStart, joinKey, start, end };
}

function keepLongCall(calls: ToolCall[], call: ToolCall): void {
  calls.push(call);
  const long = calls.filter((c) => c[2] === 0);
  if (long.length <= KEPT_TOOL_CALLS) return;
  let shortest = long[0]!;
  for (const c of long) if (c[1] - c[0] < shortest[1] - shortest[0]) shortest = c;
  calls.splice(calls.indexOf(shortest), 1);
}

/** The rows of a turn counted by its records: written for an open turn too, replaced when it closes. */
export function recordRuleRows(turn: OpenTurn): TimeSpanRow[] {
  const rows: TimeSpanRow[] = [];
  for (const [start, end, key] of turn.pieces) rows.push(row('agent', turn.start, key, start, end));
  rows.push(row('agent', turn.start, turn.joinKey, turn.pieceStart, turn.last));
  for (const [start, end, asked] of turn.calls) {
    if (asked === 1) rows.push(row('pending', turn.start, start, start, end));
  }
  return rows;
}

/**
 * A turn that Claude Code measured: it ends at `end` and the agent worked `durationMs` of it.
 * The rest of its wall time waited on the person.
 */
function exactRows(
  turn: OpenTurn,
  end: number,
  durationMs: number,
  sessionStart: number | null,
): TimeSpanRow[] {
  let start = Math.min(turn.start, end);
  const waits: [number, number][] = [];
  let waited = 0;
  for (const [a, b, asked] of turn.calls) {
    if (asked === 1 && b <= end) {
      waits.push([a, b]);
      waited += b - a;
    }
  }
  let excess = end - start - waited - durationMs;
  if (excess > DURATION_TOLERANCE_MS) {
    // A permission prompt waits before its tool runs: carve from the start of the longest calls.
    const long = turn.calls
      .filter((c) => c[2] === 0 && c[1] <= end)
      .sort((x, y) => y[1] - y[0] - (x[1] - x[0]));
    for (const [a, b] of long) {
      if (excess <= DURATION_TOLERANCE_MS) break;
      const carve = Math.min(b - a, excess);
      waits.push([a, a + carve]);
      excess -= carve;
    }
    // Still more wall time than work: the work began later than the turn's first record.
    if (excess > DURATION_TOLERANCE_MS) start = Math.min(end, start + excess);
  } else if (excess < -DURATION_TOLERANCE_MS) {
    // More work than wall time: the turn began before the records this file shows.
    start = Math.max(sessionStart ?? -Infinity, start + excess);
  }
  waits.sort((x, y) => x[0] - y[0]);
  const rows: TimeSpanRow[] = [];
  let from = start;
  for (const [a, b] of waits) {
    rows.push(row('pending', turn.start, a, a, b));
    if (a > from) rows.push(row('agent', turn.start, from, from, Math.min(a, end)));
    from = Math.max(from, b);
  }
  if (end > from || rows.every((r) => r.kind !== 'agent'))
    rows.push(row('agent', turn.start, from, Math.min(from, end), end));
  return rows;
}
