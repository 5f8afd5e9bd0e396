import { describe, expect, it } from 'vitest';
import { allocateTime } from '../../src/core/time/allocate';
import type { ActivitySpan } from '../../src/core/time/allocation-types';
import {
  SessionAccumulator,
  emptySessionState,
  type SessionState,
} from '../../src/core/transcript/session-state';
import { BAD_DURATION, recordRuleRows, type TimeSpanRow } from '../../src/core/transcript/turns';

// The worked examples of "How time is counted": transcripts written line by line, read by the
// indexer's own accumulator, allocated by the one allocation.

const MIN = 60_000;
const BASE = Date.UTC(2026, 1, 12, 9, 0);
const iso = (minutes: number) => new Date(BASE + minutes * MIN).toISOString();

const prompt = (m: number, text = 'do the thing') =>
  JSON.stringify({ type: 'user', timestamp: iso(m), cwd: '/p', message: { role: 'user', content: text } });
const says = (m: number) =>
  JSON.stringify({
    type: 'assistant',
    timestamp: iso(m),
    message: { role: 'assistant', content: [{ type: 'text', text: 'working' }] },
  });
const callsTool = (m: number, name = 'Bash') =>
  JSON.stringify({
    type: 'assistant',
    timestamp: iso(m),
    message: { role: 'assistant', content: [{ type: 'tool_use', id: 't', name, input: {} }] },
  });
const toolResult = (m: number, rejected = false) =>
  JSON.stringify({
    type: 'user',
    timestamp: iso(m),
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] },
    toolUseResult: rejected ? 'User rejected tool use' : { stdout: 'ok' },
  });
const turnDuration = (m: number | null, durationMs: unknown) =>
  JSON.stringify({
    type: 'system',
    subtype: 'turn_duration',
    durationMs,
    ...(m === null ? {} : { timestamp: iso(m) }),
  });
const sidechain = (m: number) =>
  JSON.stringify({
    type: 'user',
    isSidechain: true,
    timestamp: iso(m),
    message: { role: 'user', content: 'explore the code' },
  });

interface Read {
  rows: TimeSpanRow[];
  skipped: Record<string, number>;
  state: SessionState;
}

/** Reads lines in chunks, carrying the state through JSON between them as the indexer does. */
function read(lines: string[], splitAt: number[] = []): Read {
  let state = emptySessionState();
  const closed: TimeSpanRow[] = [];
  const skipped: Record<string, number> = {};
  const cuts = [0, ...splitAt, lines.length];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const acc = new SessionAccumulator(state);
    for (const line of lines.slice(cuts[c], cuts[c + 1])) {
      const bytes = new TextEncoder().encode(line);
      acc.addLine(bytes, 0, bytes.length);
    }
    closed.push(...acc.delta.timeSpans);
    for (const [k, n] of Object.entries(acc.delta.skipped)) skipped[k] = (skipped[k] ?? 0) + n;
    state = JSON.parse(JSON.stringify(acc.state)) as SessionState;
  }
  const open = state.turns.open === null ? [] : recordRuleRows(state.turns.open);
  return { rows: [...closed, ...open], skipped, state };
}

function spans(sessionId: string, rows: TimeSpanRow[], parent: string | null = null): ActivitySpan[] {
  return rows.map((r) => ({
    kind: r.kind,
    joinKey: r.joinKey,
    sessionId,
    parentSessionId: parent,
    streamId: 'S',
    start: r.start,
    end: r.end,
  }));
}

function minutes(all: ActivitySpan[], breaks: number[] = []) {
  const allocation = allocateTime({
    period: { start: BASE - 60 * MIN, end: BASE + 24 * 60 * MIN },
    signals: [],
    breaks,
    spans: all,
    attentionWindowMs: 5 * MIN,
    sessionTimeoutMs: 30 * MIN,
  });
  const s = allocation.streams.find((x) => x.streamId === 'S');
  return {
    delegated: (s?.delegatedMs ?? 0) / MIN,
    waiting: (s?.waitingMs ?? 0) / MIN,
    sessions: s?.sessionCount,
  };
}

describe('turns: the worked examples', () => {
  const tenAndTwenty = [
    prompt(0),
    says(1),
    callsTool(2),
    toolResult(6),
    says(10),
    turnDuration(10, 10 * MIN),
    prompt(30),
    says(31),
  ];

  it('a prompt, 10 minutes of work, 20 minutes of waiting, another prompt → 10 delegated, 20 waiting', () => {
    const { rows } = read(tenAndTwenty.slice(0, 7));
    expect(minutes(spans('s', rows))).toMatchObject({ delegated: 10, waiting: 20 });
  });

  it('resumes a turn left open at the end of a read, whatever line the read stopped at', () => {
    const whole = read(tenAndTwenty);
    for (let cut = 1; cut < tenAndTwenty.length; cut++) {
      const split = read(tenAndTwenty, [cut]);
      expect(minutes(spans('s', split.rows)), `split after line ${cut}`).toEqual(
        minutes(spans('s', whole.rows)),
      );
    }
    expect(minutes(spans('s', whole.rows))).toMatchObject({ delegated: 11, waiting: 20 });
  });

  it('a crashed turn with no end record ends at its last record; the silence after it is nobody’s time', () => {
    const { rows } = read([prompt(0), says(2), callsTool(6), toolResult(9), prompt(120), says(125)]);
    // 0–9 (crashed), then 120–125 (still open)
    expect(minutes(spans('s', rows))).toMatchObject({ delegated: 14, waiting: 0 });
  });

  it('a permission request answered after 7 minutes is waiting, not work', () => {
    const measured = [prompt(0), callsTool(1), toolResult(8), says(10), turnDuration(10, 3 * MIN)];
    expect(minutes(spans('s', read(measured).rows))).toMatchObject({ delegated: 3, waiting: 7 });
    // Older Claude Code has no turn_duration: a refused call still shows the pending request.
    const refused = [prompt(0), callsTool(1), toolResult(8, true), says(10)];
    expect(minutes(spans('s', read(refused).rows))).toMatchObject({ delegated: 3, waiting: 7 });
    const asked = [prompt(0), callsTool(1, 'AskUserQuestion'), toolResult(8), says(10)];
    expect(minutes(spans('s', read(asked).rows))).toMatchObject({ delegated: 3, waiting: 7 });
  });

  it('a subagent running during its parent’s turn adds no time to the stream, and is one session with it', () => {
    const parent = read([
      prompt(0),
      callsTool(1, 'Task'),
      toolResult(15),
      says(20),
      turnDuration(20, 20 * MIN),
    ]);
    const child = read([sidechain(5), says(8), says(14)]);
    const all = [...spans('parent', parent.rows), ...spans('child', child.rows, 'parent')];
    expect(minutes(all)).toMatchObject({ delegated: 20, waiting: 0, sessions: 1 });
  });
});

describe('turns: bad turn_duration records fall back to the record rule and are counted', () => {
  const cases: [string, string, string][] = [
    ['negative', turnDuration(10, -5), BAD_DURATION.negative],
    ['missing', turnDuration(10, 'soon'), BAD_DURATION.missing],
    ['absurd', turnDuration(10, 999 * MIN), BAD_DURATION.absurd],
    ['undated', turnDuration(null, 10 * MIN), BAD_DURATION.undated],
  ];
  for (const [what, line, reason] of cases) {
    it(`${what} durationMs`, () => {
      const { rows, skipped } = read([prompt(0), says(4), says(9), line, prompt(20), says(21)]);
      expect(skipped).toEqual({ [reason]: 1 });
      // 0–9 by its records, 20–21 open; the session is kept, the wait 9–20 counted
      expect(minutes(spans('s', rows))).toMatchObject({ delegated: 10, waiting: 11 });
    });
  }
});
