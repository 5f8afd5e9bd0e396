import { describe, expect, it } from 'vitest';
import type { AgentKind } from '../../src/core/agents/agent-session';
import { agentTurnRows } from '../../src/core/agents/agent-turn-rows';
import { CODEX_SKIP, codexSessionFrom, emptyCodexState, feedCodexLine } from '../../src/core/agents/codex';
import { SESSION_SOURCE_NAMES, type SessionSourceName } from '../../src/shared/session-sources';

// The Codex turn rule on the cases the real fixtures do not hold (tests/main/sessions-codex.test.ts
// covers those): older rollouts without task_started, an aborted turn, a turn never closed.
const T0 = Date.UTC(2026, 1, 23, 10, 0);
const MIN = 60_000;
const line = (min: number, type: string, payload: object) =>
  JSON.stringify({ timestamp: new Date(T0 + min * MIN).toISOString(), type, payload });
const meta = line(0, 'session_meta', { id: 'abc', cwd: '/w/alpha', git: { branch: 'feat' } });

function parse(lines: string[]) {
  const state = emptyCodexState();
  const skipped = lines.map((l) => feedCodexLine(state, l)).filter((r) => r !== null);
  return { session: codexSessionFrom(state), skipped };
}

describe('Codex rollouts: turns', () => {
  it('run from task_started to task_complete, a message typed meanwhile steering the same turn', () => {
    const { session } = parse([
      meta,
      line(1, 'event_msg', { type: 'task_started' }),
      line(1, 'event_msg', { type: 'user_message', message: 'fix it' }),
      line(3, 'event_msg', { type: 'user_message', message: 'also the tests' }),
      line(5, 'response_item', { type: 'function_call' }),
      line(8, 'event_msg', { type: 'task_complete' }),
    ]);
    expect(session?.turns).toEqual([{ start: T0 + MIN, end: T0 + 8 * MIN }]);
    expect(session?.prompts.map((p) => p.text)).toEqual(['fix it', 'also the tests']);
    expect(session?.gitBranch).toBe('feat');
  });

  it('end at turn_aborted, or at their last record when the next task starts without a hand-back', () => {
    const { session } = parse([
      meta,
      line(1, 'event_msg', { type: 'task_started' }),
      line(2, 'response_item', { type: 'reasoning' }),
      line(4, 'event_msg', { type: 'turn_aborted', reason: 'interrupted' }),
      line(10, 'event_msg', { type: 'task_started' }),
      line(12, 'response_item', { type: 'function_call' }),
      line(30, 'event_msg', { type: 'task_started' }),
      line(31, 'response_item', { type: 'message', role: 'assistant' }),
    ]);
    expect(session?.turns).toEqual([
      { start: T0 + MIN, end: T0 + 4 * MIN },
      { start: T0 + 10 * MIN, end: T0 + 12 * MIN },
      // still open at the end of the file: up to its last record so far
      { start: T0 + 30 * MIN, end: T0 + 31 * MIN },
    ]);
  });

  it('start at each prompt in rollouts without task_started events', () => {
    const { session } = parse([
      meta,
      line(1, 'event_msg', { type: 'user_message', message: 'one' }),
      line(2, 'event_msg', { type: 'agent_message', message: 'ok' }),
      line(9, 'event_msg', { type: 'user_message', message: 'two' }),
      line(11, 'response_item', { type: 'function_call' }),
    ]);
    expect(session?.turns).toEqual([
      { start: T0 + MIN, end: T0 + 2 * MIN },
      { start: T0 + 9 * MIN, end: T0 + 11 * MIN },
    ]);
    expect(session?.messageCount).toBe(3);
  });

  it('become agent rows, with the wait until the next turn as a handback row', () => {
    expect(
      agentTurnRows([
        { start: 10 * MIN, end: 20 * MIN },
        { start: 0, end: 5 * MIN },
      ]),
    ).toEqual([
      { kind: 'agent', turnStart: 0, joinKey: 0, start: 0, end: 5 * MIN },
      { kind: 'handback', turnStart: 0, joinKey: 5 * MIN, start: 5 * MIN, end: 10 * MIN },
      { kind: 'agent', turnStart: 10 * MIN, joinKey: 10 * MIN, start: 10 * MIN, end: 20 * MIN },
    ]);
  });
});

describe('Codex rollouts: subagents', () => {
  it('know their parent from session_meta.source, and only a subagent source gives one', () => {
    const spawned = (payload: object) =>
      parse([
        line(0, 'session_meta', { id: 'kid', cwd: '/w', ...payload }),
        line(1, 'event_msg', { type: 'task_started' }),
      ]).session?.parentId;
    expect(spawned({ source: { subagent: { thread_spawn: { parent_thread_id: 'p1', depth: 1 } } } })).toBe(
      'p1',
    );
    expect(spawned({ parent_thread_id: 'p2', source: { subagent: { thread_spawn: { depth: 1 } } } })).toBe(
      'p2',
    );
    expect(spawned({ parent_thread_id: 'p3', source: 'cli' })).toBeNull();
    expect(spawned({ source: 'vscode' })).toBeNull();
  });
});

describe('Codex rollouts: bad input', () => {
  it('counts what it skips and keeps the rest', () => {
    const { session, skipped } = parse([
      meta,
      'not json',
      '{"timestamp":"2026-02-23T10:01:00Z","payload":{}}',
      line(2, 'brand_new_kind', {}),
      '{"type":"event_msg","payload":{"type":"user_message","message":"no time"}}',
      line(3, 'event_msg', { type: 'user_message', message: 'kept' }),
    ]);
    expect(skipped).toEqual([
      CODEX_SKIP.malformed,
      CODEX_SKIP.untyped,
      CODEX_SKIP.unknownType,
      CODEX_SKIP.undated,
    ]);
    expect(session?.prompts.map((p) => p.text)).toEqual(['kept']);
  });

  it('has no session to show before a message or a turn', () => {
    expect(parse([meta, line(1, 'turn_context', { model: 'gpt-5' })]).session).toBeNull();
  });

  it('refuses a file whose first line is not session_meta, once, and reads nothing more of it', () => {
    const { session, skipped } = parse(['{"id":"x","timestamp":"2025-04-01T10:00:00Z"}', meta]);
    expect(session).toBeNull();
    expect(skipped).toEqual([CODEX_SKIP.unknownFormat]);
  });
});

describe('agent names', () => {
  it('are the same list in core (AgentKind) and in the API (settings, reports)', () => {
    // Fails to compile (npm run typecheck) when one list has a name the other lacks.
    const same: [AgentKind] extends [SessionSourceName]
      ? [SessionSourceName] extends [AgentKind]
        ? true
        : false
      : false = true;
    expect(same).toBe(true);
    expect(new Set(SESSION_SOURCE_NAMES).size).toBe(4);
  });
});
