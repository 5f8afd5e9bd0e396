import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTranscriptLine, type TranscriptRecord } from '../../src/core/transcript/record';
import { isPersonPrompt, promptTitle } from '../../src/core/transcript/prompt';
import {
  ACTIVITY_SPAN_GAP_MS,
  SessionAccumulator,
  emptySessionState,
  sessionEntryFrom,
} from '../../src/core/transcript/session-state';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function read(line: string, wantCwd = true) {
  const b = bytes(line);
  return readTranscriptLine(b, 0, b.length, { wantCwd });
}

function record(line: string): TranscriptRecord {
  const result = read(line);
  if (result.kind !== 'record') throw new Error(`not a record: ${result.kind}`);
  return result.record;
}

describe('reading one transcript line', () => {
  it('finds the top-level type after a message full of nested "type" keys', () => {
    const r = record(
      '{"cwd":"/w/a","message":{"type":"message","content":[{"type":"text","text":"x"}]},"type":"assistant","timestamp":"2026-02-10T21:11:56.846Z"}',
    );
    expect(r.type).toBe('assistant');
    expect(r.cwd).toBe('/w/a');
    expect(r.timestampMs).toBe(Date.parse('2026-02-10T21:11:56.846Z'));
  });

  it('is not fooled by keys and quotes inside strings', () => {
    const r = record(
      String.raw`{"type":"user","message":{"role":"user","content":"say \"type\":\"assistant\", \\\"timestamp\":\"1999\" ok"},"timestamp":"2026-01-01T00:00:00Z"}`,
    );
    expect(r.type).toBe('user');
    expect(r.text).toBe(String.raw`say "type":"assistant", \"timestamp":"1999" ok`);
    expect(r.timestampMs).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('tells tool results, meta, compaction summaries and sidechains from prompts', () => {
    const base = '"type":"user","timestamp":"2026-01-01T00:00:00Z"';
    const prompt = record(`{${base},"message":{"role":"user","content":"fix the bug"}}`);
    const blocks = record(
      `{${base},"message":{"role":"user","content":[{"type":"text","text":"look at this"}]}}`,
    );
    const toolResult = record(
      `{${base},"message":{"role":"user","content":[{"tool_use_id":"t","type":"tool_result","content":"ok"}]}}`,
    );
    const topLevelResult = record(
      `{${base},"message":{"role":"user","content":[]},"toolUseResult":{"stdout":"x"}}`,
    );
    const meta = record(`{${base},"isMeta":true,"message":{"role":"user","content":"caveat"}}`);
    const compact = record(
      `{${base},"isCompactSummary":true,"message":{"role":"user","content":"This session is…"}}`,
    );
    const sidechain = record(
      `{"isSidechain":true,${base},"message":{"role":"user","content":"subagent task"}}`,
    );
    const notification = record(
      `{${base},"message":{"role":"user","content":"<task-notification>\\n<task-id>1</task-id>"}}`,
    );
    const image = record(
      `{${base},"message":{"role":"user","content":[{"type":"image","source":{"type":"base64","data":"iVBO"}}]}}`,
    );
    expect([prompt, blocks, image].map(isPersonPrompt)).toEqual([true, true, true]);
    expect(promptTitle(image.text!)).toBeNull();
    expect(blocks.text).toBe('look at this');
    expect([toolResult, topLevelResult, meta, compact, sidechain, notification].map(isPersonPrompt)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reports blank and malformed lines instead of throwing', () => {
    expect(read('   ').kind).toBe('blank');
    for (const bad of [
      '{"type":"user"',
      'not json',
      '{"type":"user"} trailing',
      '[1,2]',
      '{"a":"unterminated}',
      '{"a" 1}',
    ]) {
      expect(read(bad), bad).toMatchObject({ kind: 'malformed' });
    }
  });

  it('keeps only the start of a huge prompt', () => {
    const huge = 'word '.repeat(400_000);
    const r = record(
      `{"type":"user","message":{"role":"user","content":"${huge}"},"timestamp":"2026-01-01T00:00:00Z"}`,
    );
    expect(r.text!.length).toBeLessThanOrEqual(2_001);
    expect(promptTitle(r.text!)!.length).toBeLessThanOrEqual(300);
  });

  it('agrees with JSON.parse on the fields it reads, for arbitrary records', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.dictionary(fc.string(), fc.string()),
    );
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom('user', 'assistant', 'summary', 'progress'),
          cwd: fc.string(),
          timestamp: fc
            .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
            .map((d) => d.toISOString()),
          summary: fc.string(),
          extra: value,
          isSidechain: fc.boolean(),
        }),
        fc.boolean(),
        (fields, typeFirst) => {
          const { type, ...rest } = fields;
          const obj = typeFirst ? { type, ...rest } : { ...rest, type };
          const r = record(JSON.stringify(obj));
          expect(r.type).toBe(type);
          expect(r.cwd).toBe(fields.cwd);
          expect(r.timestampMs).toBe(Date.parse(fields.timestamp));
          expect(r.summary).toBe(fields.summary);
          expect(r.isSidechain).toBe(fields.isSidechain);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a session built line by line', () => {
  function feed(lines: string[]) {
    const acc = new SessionAccumulator(emptySessionState());
    for (const line of lines) {
      const b = bytes(line);
      acc.addLine(b, 0, b.length);
    }
    return acc;
  }
  const msg = (type: string, iso: string, extra = '') =>
    `{"type":"${type}"${extra},"timestamp":"${iso}","message":{"role":"${type}","content":"hi"}}`;

  it('takes start and end from messages only, the first cwd of any record, the last summary', () => {
    const acc = feed([
      '{"type":"file-history-snapshot","snapshot":{"timestamp":"2020-01-01T00:00:00Z"}}',
      '{"type":"progress","cwd":"/p/first","timestamp":"2020-01-01T00:00:00Z"}',
      msg('user', '2026-01-01T10:00:00Z', ',"cwd":"/p/second"'),
      msg('assistant', '2026-01-01T10:01:00Z'),
      '{"type":"summary","summary":"old","leafUuid":"a"}',
      '{"type":"summary","summary":"Fix the login bug","leafUuid":"b"}',
      '{"type":"custom-title","customTitle":"login","sessionId":"s"}',
      '{"type":"system","timestamp":"2030-01-01T00:00:00Z"}',
    ]);
    const entry = sessionEntryFrom(
      { sessionId: 's', parentSessionId: null, isSubagent: false, agentType: null },
      acc.state,
    )!;
    expect(entry).toMatchObject({
      projectPath: '/p/first',
      projectName: 'first',
      startTime: Date.parse('2026-01-01T10:00:00Z'),
      endTime: Date.parse('2026-01-01T10:01:00Z'),
      messageCount: 2,
      summary: 'Fix the login bug',
      customTitle: 'login',
    });
  });

  it('has no end when there is a single timestamp, and no session without messages', () => {
    const one = feed([msg('user', '2026-01-01T10:00:00Z')]);
    expect(
      sessionEntryFrom(
        { sessionId: 's', parentSessionId: null, isSubagent: false, agentType: null },
        one.state,
      )!.endTime,
    ).toBeNull();
    const none = feed(['{"type":"progress","cwd":"/p","timestamp":"2026-01-01T10:00:00Z"}']);
    expect(
      sessionEntryFrom(
        { sessionId: 's', parentSessionId: null, isSubagent: false, agentType: null },
        none.state,
      ),
    ).toBeNull();
  });

  it('merges activity while records are at most 5 minutes apart', () => {
    const t0 = Date.parse('2026-01-01T10:00:00Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const acc = feed([
      msg('user', at(0)),
      msg('assistant', at(ACTIVITY_SPAN_GAP_MS)), // exactly 5 min: same span
      msg('assistant', at(2 * ACTIVITY_SPAN_GAP_MS + 1)), // 5 min + 1 ms later: a new span
      msg('assistant', at(2 * ACTIVITY_SPAN_GAP_MS + 60_000)),
    ]);
    expect(acc.delta.closedSpans).toEqual([[t0, t0 + ACTIVITY_SPAN_GAP_MS]]);
    expect(acc.state.openSpan).toEqual([
      t0 + 2 * ACTIVITY_SPAN_GAP_MS + 1,
      t0 + 2 * ACTIVITY_SPAN_GAP_MS + 60_000,
    ]);
  });

  it('an old agent-*.jsonl takes its parent from the sessionId inside', () => {
    const acc = feed([
      `{"type":"user","sessionId":"parent-1","isSidechain":true,"timestamp":"2026-01-01T10:00:00Z","message":{"content":"x"}}`,
    ]);
    const entry = sessionEntryFrom(
      { sessionId: 'agent-1', parentSessionId: null, isSubagent: true, agentType: null },
      acc.state,
    )!;
    expect(entry.parentSessionId).toBe('parent-1');
    expect(acc.state.promptCount).toBe(0);
  });
});
