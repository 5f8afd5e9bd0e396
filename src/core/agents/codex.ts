import { IMPLAUSIBLE_TIME, isPlausibleTime } from '../plausible-time';
import { promptText } from '../transcript/prompt';
import type { AgentPrompt, AgentSession, AgentTurn } from './agent-session';

// Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`), one JSON
// record per line: `{timestamp, type, payload}`. Verified against real rollouts (Codex CLI
// 0.104, tests/fixtures/codex):
// - the first line is `session_meta`: payload.id (the session), payload.cwd, payload.git.branch,
//   and for a subagent its parent (payload.source.subagent.thread_spawn.parent_thread_id, as
//   other parsers' fixtures show; not in tt's real samples);
// - `event_msg` lines carry what the person and the agent said (`user_message`,
//   `agent_message`) and the turn boundaries: `task_started` when work is handed to the agent,
//   `task_complete` (or `turn_aborted`) when it hands back;
// - `response_item` (model items, tool calls), `turn_context` and `compacted` are the agent
//   working inside a turn. `token_count` totals are cumulative: nothing here adds them up.
// A turn is Claude's rule: from the hand-over to the hand-back; a turn never closed (the agent
// killed, or still running) ends at its last record. Rollouts older than task_started events
// start a turn at each user_message instead.
//
// The state is plain JSON, kept in the reader's cursor, so a grown file is read from its offset.

export interface CodexState {
  /** null until the session_meta line: then false when the file is not a rollout tt knows */
  known: boolean | null;
  id: string | null;
  /** the session that spawned this one, for a subagent */
  parentId: string | null;
  cwd: string | null;
  gitBranch: string | null;
  start: number | null;
  end: number | null;
  messageCount: number;
  prompts: AgentPrompt[];
  turns: AgentTurn[];
  /** the turn in progress; byTask: opened by task_started (else by a user_message) */
  open: { start: number; last: number; byTask: boolean } | null;
}

export const CODEX_SKIP = {
  malformed: 'malformed line (not JSON)',
  untyped: 'line without a record type',
  unknownType: 'unknown record type',
  undated: 'record without a timestamp',
  unknownFormat: 'unknown Codex rollout format (the first line is not session_meta)',
} as const;

const KNOWN_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);

export function emptyCodexState(): CodexState {
  return {
    known: null,
    id: null,
    parentId: null,
    cwd: null,
    gitBranch: null,
    start: null,
    end: null,
    messageCount: 0,
    prompts: [],
    turns: [],
    open: null,
  };
}

/** Feeds one complete line into the state (mutated); returns why it was skipped, or null. */
export function feedCodexLine(state: CodexState, line: string): string | null {
  if (state.known === false || line.trim().length === 0) return null;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return CODEX_SKIP.malformed;
  }
  if (typeof record !== 'object' || record === null) return CODEX_SKIP.malformed;
  const { type, payload, timestamp } = record as { type?: unknown; payload?: unknown; timestamp?: unknown };
  const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  if (state.known === null) {
    const id = body.id;
    if (type !== 'session_meta' || typeof id !== 'string' || id.length === 0) {
      state.known = false;
      return CODEX_SKIP.unknownFormat;
    }
    state.known = true;
    state.id = id;
    state.parentId = spawnedBy(body);
    state.cwd = typeof body.cwd === 'string' ? body.cwd : null;
    const git = body.git as { branch?: unknown } | undefined;
    state.gitBranch = typeof git?.branch === 'string' && git.branch.length > 0 ? git.branch : null;
  }
  if (typeof type !== 'string') return CODEX_SKIP.untyped;
  if (!KNOWN_TYPES.has(type)) return CODEX_SKIP.unknownType;
  const parsed = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(parsed)) return CODEX_SKIP.undated;
  if (!isPlausibleTime(parsed)) {
    // The record still counts; its time is ignored (the same rule as every agent's).
    if (type === 'event_msg' && (body.type === 'user_message' || body.type === 'agent_message')) {
      state.messageCount++;
    }
    return IMPLAUSIBLE_TIME;
  }
  const ts = parsed;
  // A session runs from its first to its last user or agent record, as Claude Code's do: not
  // from session_meta and the instructions Codex writes when it is launched.
  if (isUserOrAgentRecord(type, body)) {
    state.start = state.start === null ? ts : Math.min(state.start, ts);
    state.end = state.end === null ? ts : Math.max(state.end, ts);
  }
  if (type === 'event_msg') event(state, String(body.type), body, ts);
  else if (state.open !== null) state.open.last = Math.max(state.open.last, ts);
  return null;
}

/** The person's prompts and the agent's turns, messages and reasoning. */
const USER_OR_AGENT_EVENTS = new Set([
  'user_message',
  'agent_message',
  'agent_reasoning',
  'task_started',
  'task_complete',
  'turn_aborted',
]);

/**
 * The person's prompts (`user_message`) and what the agent did: its turns, messages and
 * reasoning, and its model items (tool calls and their output, reasoning, an assistant
 * message). Not the developer and user messages Codex injects at launch (instructions,
 * environment context), nor bookkeeping (session_meta, token_count, turn_context).
 */
function isUserOrAgentRecord(type: string, body: Record<string, unknown>): boolean {
  if (type === 'event_msg') return typeof body.type === 'string' && USER_OR_AGENT_EVENTS.has(body.type);
  return type === 'response_item' && (body.type !== 'message' || body.role === 'assistant');
}

/**
 * A subagent's parent: session_meta.source.subagent.thread_spawn.parent_thread_id, or the
 * top-level parent_thread_id of newer versions, but only when the source says subagent.
 */
function spawnedBy(meta: Record<string, unknown>): string | null {
  const source = meta.source as { subagent?: { thread_spawn?: { parent_thread_id?: unknown } } } | undefined;
  if (typeof source !== 'object' || source === null || typeof source.subagent !== 'object') return null;
  const nested = source.subagent?.thread_spawn?.parent_thread_id;
  if (typeof nested === 'string' && nested.length > 0) return nested;
  const top = meta.parent_thread_id;
  return typeof top === 'string' && top.length > 0 ? top : null;
}

function event(state: CodexState, kind: string, body: Record<string, unknown>, ts: number): void {
  switch (kind) {
    case 'task_started':
      closeOpen(state, null);
      state.open = { start: ts, last: ts, byTask: true };
      return;
    case 'task_complete':
    case 'turn_aborted':
      closeOpen(state, ts);
      return;
    case 'user_message': {
      state.messageCount++;
      const text = typeof body.message === 'string' ? (promptText(body.message) ?? '') : '';
      state.prompts.push({ at: ts, text });
      // Without task_started (older rollouts) each prompt hands work over; with it, a message
      // typed while the agent works steers the same turn.
      if (state.open === null || !state.open.byTask) {
        closeOpen(state, null);
        state.open = { start: ts, last: ts, byTask: false };
      }
      break;
    }
    case 'agent_message':
      state.messageCount++;
      break;
  }
  if (state.open !== null) state.open.last = Math.max(state.open.last, ts);
}

/** Ends the open turn at `end`, or at its last record when the hand-back was never written. */
function closeOpen(state: CodexState, end: number | null): void {
  const open = state.open;
  if (open === null) return;
  state.turns.push({ start: open.start, end: Math.max(open.start, end ?? open.last) });
  state.open = null;
}

/**
 * The session as the state says so far (an open turn up to its last record); null while there
 * is nothing to show yet: no message and no turn (Codex opened and closed again), as for Claude.
 */
export function codexSessionFrom(state: CodexState): AgentSession | null {
  if (state.known !== true || state.id === null || state.start === null || state.end === null) return null;
  const turns =
    state.open === null ? state.turns : [...state.turns, { start: state.open.start, end: state.open.last }];
  return {
    agent: 'codex',
    id: state.id,
    parentId: state.parentId,
    cwd: state.cwd,
    gitBranch: state.gitBranch,
    start: state.start,
    end: state.end,
    messageCount: state.messageCount,
    title: null,
    prompts: state.prompts,
    turns,
  };
}
