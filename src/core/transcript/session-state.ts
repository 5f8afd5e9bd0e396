// What the index knows about one transcript, built line by line. The state is plain JSON so
// that a later run can resume from where this one stopped (indexed_files.parser_state): a
// file that only grew is read from its old end, never from the start.

import type { SessionSummary } from '../../shared/api';
import { extractProjectName } from '../project-name';
import { countBranch, majorityBranch, type BranchTally } from './branch-tally';
import { isPersonPrompt, promptText, promptTitle } from './prompt';
import { readTranscriptLine, type TranscriptRecord } from './record';
import { TurnTracker, emptyTurnState, type TimeSpanRow, type TurnState } from './turns';
import { isPlausibleMs } from '../agents/epoch';

/**
 * The span rule for session_activity: the timestamps of a session's message records (user
 * and assistant), in file order, are merged into one span while each is at most this far
 * from the span (before its start or after its end); a larger gap closes the span and starts
 * a new one. A single message gives a zero-length span. Allocation re-merges spans with the
 * configured session timeout (30 minutes by default, never below 5), so no gap it cares
 * about is lost.
 */
export const ACTIVITY_SPAN_GAP_MS = 5 * 60_000;

/**
 * A record dated outside 2000–2199 (isPlausibleMs) carries a zero or corrupt date (0001-01-01, 9999-12-31):
 * its time would stretch the session over millennia, so it counts as a message without one.
 */
const IMPLAUSIBLE_TIME = 'timestamp before 2000 or after 2199 (its time ignored)';

export interface SessionState {
  /** the first sessionId inside the file: the parent of an old top-level agent-*.jsonl */
  innerSessionId: string | null;
  /** the first cwd of any record (the first record with one is not always a message) */
  cwd: string | null;
  /** user + assistant records */
  messageCount: number;
  /** earliest and latest message timestamp */
  startMs: number | null;
  endMs: number | null;
  /** the last summary record in this file */
  summary: string | null;
  /** the uuid of the last message: summaries in other files point at it by leafUuid */
  lastMessageUuid: string | null;
  /** the last custom-title record */
  customTitle: string | null;
  firstPrompt: string | null;
  promptCount: number;
  /** the activity span still open at the end of what was read */
  openSpan: [number, number] | null;
  /** messages per git branch (absent in states saved before tt tallied branches) */
  branches?: BranchTally;
  /** agent turns, with the one still open at the end of what was read (see turns.ts) */
  turns: TurnState;
}

export function emptySessionState(): SessionState {
  return {
    innerSessionId: null,
    cwd: null,
    messageCount: 0,
    startMs: null,
    endMs: null,
    summary: null,
    lastMessageUuid: null,
    customTitle: null,
    firstPrompt: null,
    promptCount: 0,
    openSpan: null,
    turns: emptyTurnState(),
  };
}

/** What one pass over new lines added: rows for session_prompts, closed session_activity spans, skipped lines. */
/** One of the person's prompts: when, and its words (shortened). */
export interface PromptRow {
  ts: number;
  text: string | null;
}

export interface SessionDelta {
  prompts: PromptRow[];
  closedSpans: [number, number][];
  /** lines skipped, by reason */
  skipped: Record<string, number>;
  /** summary records with the message they describe: [leafUuid, summary] */
  summaries: [string, string][];
  /** rows of turns that closed (and the waits between them) */
  timeSpans: TimeSpanRow[];
}

/** Feeds lines into a SessionState (mutated in place) and collects the rows they add. */
export class SessionAccumulator {
  readonly delta: SessionDelta;
  private readonly turns: TurnTracker;

  constructor(readonly state: SessionState) {
    state.turns ??= emptyTurnState();
    this.turns = new TurnTracker(state.turns, (reason) => this.skip(reason));
    this.delta = { prompts: [], closedSpans: [], skipped: {}, summaries: [], timeSpans: this.turns.closed };
  }

  /** One line, bytes[start, end) without its newline. */
  addLine(bytes: Uint8Array, start: number, end: number): void {
    const result = readTranscriptLine(bytes, start, end, { wantCwd: this.state.cwd === null });
    if (result.kind === 'blank') return this.skip('blank line');
    if (result.kind === 'malformed') return this.skip(result.reason);
    this.addRecord(result.record);
  }

  skip(reason: string, count = 1): void {
    this.delta.skipped[reason] = (this.delta.skipped[reason] ?? 0) + count;
  }

  addRecord(record: TranscriptRecord): void {
    const state = this.state;
    if (state.cwd === null && record.cwd) state.cwd = record.cwd;
    if (state.innerSessionId === null && record.sessionId) state.innerSessionId = record.sessionId;
    switch (record.type) {
      case 'summary':
        if (record.summary !== null) {
          state.summary = record.summary;
          if (record.leafUuid !== null) this.delta.summaries.push([record.leafUuid, record.summary]);
        }
        return;
      case 'custom-title':
        if (record.customTitle !== null) state.customTitle = record.customTitle;
        return;
      case 'user':
      case 'assistant':
        break;
      case 'system':
        return this.turns.add(record, this.plausible(record.timestampMs), state.startMs);
      default:
        return;
    }
    state.messageCount++;
    if (record.gitBranch) state.branches = countBranch(state.branches ?? [], record.gitBranch);
    if (record.uuid !== null) state.lastMessageUuid = record.uuid;
    const ts = record.timestampMs;
    if (ts === null) return;
    if (!isPlausibleMs(ts)) return this.skip(IMPLAUSIBLE_TIME);
    if (state.startMs === null || ts < state.startMs) state.startMs = ts;
    if (state.endMs === null || ts > state.endMs) state.endMs = ts;
    this.extendActivity(ts);
    this.turns.add(record, ts, state.startMs);
    if (isPersonPrompt(record)) {
      state.promptCount++;
      this.delta.prompts.push({ ts, text: record.text === null ? null : promptText(record.text) });
      if (state.firstPrompt === null && record.text !== null) state.firstPrompt = promptTitle(record.text);
    }
  }

  private plausible(ts: number | null): number | null {
    return ts !== null && isPlausibleMs(ts) ? ts : null;
  }

  private extendActivity(ts: number): void {
    const span = this.state.openSpan;
    if (span !== null && ts >= span[0] - ACTIVITY_SPAN_GAP_MS && ts <= span[1] + ACTIVITY_SPAN_GAP_MS) {
      if (ts < span[0]) span[0] = ts;
      if (ts > span[1]) span[1] = ts;
      return;
    }
    if (span !== null) this.delta.closedSpans.push([span[0], span[1]]);
    this.state.openSpan = [ts, ts];
  }
}

/**
 * The row the sessions table keeps for a transcript, derived from its state: the fields a
 * SessionSummary shows that come from the file itself, plus what linking summaries needs.
 */
export interface SessionEntry extends Pick<
  SessionSummary,
  | 'sessionId'
  | 'parentSessionId'
  | 'isSubagent'
  | 'projectPath'
  | 'projectName'
  | 'startTime'
  | 'endTime'
  | 'messageCount'
  | 'summary'
  | 'customTitle'
  | 'firstPrompt'
> {
  agentType: string | null;
  lastMessageUuid: string | null;
  /** the branch most of its messages were written on, and their share (null: none recorded) */
  gitBranch: string | null;
  gitBranchShare: number | null;
}

export interface TranscriptIdentity {
  sessionId: string;
  /** known from the path for main sessions and subagents/ folders; from the content for old agent files */
  parentSessionId: string | null;
  isSubagent: boolean;
  agentType: string | null;
}

/** null when the transcript has no message with a timestamp yet: there is no session to show. */
export function sessionEntryFrom(identity: TranscriptIdentity, state: SessionState): SessionEntry | null {
  if (state.startMs === null || state.endMs === null) return null;
  let parent = identity.parentSessionId;
  if (identity.isSubagent && parent === null && state.innerSessionId !== identity.sessionId) {
    parent = state.innerSessionId;
  }
  const branch = majorityBranch(state.branches);
  return {
    sessionId: identity.sessionId,
    parentSessionId: parent,
    isSubagent: identity.isSubagent,
    agentType: identity.agentType,
    projectPath: state.cwd,
    projectName: state.cwd === null ? null : extractProjectName(state.cwd),
    startTime: state.startMs,
    endTime: state.endMs === state.startMs ? null : state.endMs,
    messageCount: state.messageCount,
    summary: state.summary,
    customTitle: state.customTitle,
    firstPrompt: state.firstPrompt,
    lastMessageUuid: state.lastMessageUuid,
    gitBranch: branch?.branch ?? null,
    gitBranchShare: branch?.share ?? null,
  };
}
