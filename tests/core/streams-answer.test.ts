import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamNameSchema } from '../../src/shared/api-schemas';
import {
  RATIONALE_MAX_LENGTH,
  resolveStreamIds,
  validateStreamsAnswer,
  type AnswerContext,
} from '../../src/core/streams/llm-answer';
import { cleanStreamName, STREAM_NAME_MAX_LENGTH } from '../../src/shared/stream-name';

const context: AnswerContext = {
  sessionIds: new Set(['s1', 's2', 's3', 'kid']),
  parentOf: new Map([
    ['s1', null],
    ['s2', null],
    ['s3', null],
    ['kid', 's1'],
  ]),
  previousStreams: [{ id: 'prev-1', name: 'Login bug' }],
};

function ok(input: unknown) {
  const check = validateStreamsAnswer(input, context);
  if (!check.ok) throw new Error(check.problem);
  return check;
}

describe('validating an answer', () => {
  it("keeps each group's rationale on one line and bounded, and accepts an answer without one", () => {
    const long = `why ${'x'.repeat(400)}`;
    const streams = ok({
      streams: [
        { id: 'a', name: 'A', session_ids: ['s1'], confidence: 0.8, rationale: ' same\nlogin bug ' },
        { id: 'b', name: 'B', session_ids: ['s2'], confidence: 0.8, rationale: long },
        { id: 'c', name: 'C', session_ids: ['s3'], confidence: 0.8 },
        { id: 'd', name: 'D', session_ids: [], confidence: 0.8, rationale: 42 },
      ],
    }).streams;
    expect(streams[0]!.rationale).toBe('same login bug');
    expect(streams[1]!.rationale).toHaveLength(RATIONALE_MAX_LENGTH);
    expect(streams[1]!.rationale!.endsWith('…')).toBe(true);
    expect(streams[2]!.rationale).toBeUndefined();
    expect(streams.find((s) => s.answerId === 'd')?.rationale).toBeUndefined();
  });

  it('rejects what is not the seed shape, so it can be asked again', () => {
    expect(validateStreamsAnswer('not json {', context)).toEqual({
      ok: false,
      problem: 'the answer is not JSON',
    });
    expect(validateStreamsAnswer({ groups: [] }, context).ok).toBe(false);
    expect(
      validateStreamsAnswer({ streams: [{ id: 'x', name: 'n', session_ids: 's1', confidence: 1 }] }, context)
        .ok,
    ).toBe(false);
    expect(ok(JSON.stringify({ streams: [] })).streams).toEqual([]);
  });

  it('ignores unknown session ids and groups left empty by that', () => {
    const check = ok({
      streams: [
        { id: 'a', name: 'A', session_ids: ['s1', 'ghost'], confidence: 0.9 },
        { id: 'b', name: 'B', session_ids: ['ghost-2'], confidence: 0.9 },
      ],
    });
    expect(check.streams.map((s) => [s.answerId, s.sessionIds])).toEqual([['a', ['s1']]]);
    expect(check.notes.unknownSessionIds).toBe(2);
  });

  it('gives a session claimed twice to the more confident stream', () => {
    const check = ok({
      streams: [
        { id: 'a', name: 'A', session_ids: ['s1', 's2'], confidence: 0.4 },
        { id: 'b', name: 'B', session_ids: ['s2', 's3'], confidence: 0.8 },
      ],
    });
    expect(check.streams.map((s) => [s.answerId, s.sessionIds])).toEqual([
      ['a', ['s1']],
      ['b', ['s2', 's3']],
    ]);
    expect(check.notes.duplicateClaims).toBe(1);
  });

  it('judges a claim by its own group when the answer reuses one id for two groups', () => {
    // "a" claims s2 at 0.4 and, in another group under the same id, s1 at 0.9; "b" claims s2 at 0.6.
    const check = ok({
      streams: [
        { id: 'a', name: 'A', session_ids: ['s2'], confidence: 0.4 },
        { id: 'b', name: 'B', session_ids: ['s2', 's3'], confidence: 0.6 },
        { id: 'a', name: 'A again', session_ids: ['s1'], confidence: 0.9 },
      ],
    });
    expect(check.streams.map((s) => [s.answerId, s.sessionIds, s.confidence])).toEqual([
      ['a', ['s1'], 0.9],
      ['b', ['s2', 's3'], 0.6],
    ]);
    expect(check.notes.duplicateClaims).toBe(1);
  });

  it('refuses a confidence outside 0 to 1 rather than clamping it (the answer is asked again)', () => {
    for (const confidence of [5, -0.1, 1.000001]) {
      const check = validateStreamsAnswer(
        {
          streams: [
            { id: 'a', name: 'A', session_ids: ['s1'], confidence: 0.5 },
            { id: 'b', name: 'B', session_ids: ['s2'], confidence },
          ],
        },
        context,
      );
      expect(check).toEqual({
        ok: false,
        problem: `stream 2 of the answer has confidence ${confidence}, outside 0 to 1`,
      });
    }
  });

  it('marks previous ids as continuing, bounds names, keeps confidences, and leaves subagents to their parent', () => {
    const check = ok({
      streams: [
        { id: 'prev-1', name: `  Login\n bug ${'x'.repeat(300)}`, session_ids: ['s1'], confidence: 1 },
        { id: 'new', name: '   ', session_ids: ['s2', 'kid'], confidence: 0 },
      ],
    });
    const [first, second] = check.streams;
    expect(first!.continues).toBe(true);
    expect(first!.name.length).toBe(STREAM_NAME_MAX_LENGTH);
    expect(first!.name.startsWith('Login bug x')).toBe(true);
    expect(first!.confidence).toBe(1);
    expect(second!.continues).toBe(false);
    expect(second!.name).toBe('Untitled stream');
    expect(second!.confidence).toBe(0);
    expect(second!.sessionIds).toEqual(['s2']);
  });

  it('bounds names as the API does', () => {
    const long = cleanStreamName('y'.repeat(500));
    expect(streamNameSchema.safeParse(long).success).toBe(true);
    expect(streamNameSchema.safeParse('y'.repeat(STREAM_NAME_MAX_LENGTH + 1)).success).toBe(false);
  });

  it('keeps an answered name on one line, as the API keeps a typed one', () => {
    const raw = 'Fix\nlogin\u001b[2J  bug\u0000';
    expect(cleanStreamName(raw)).toBe('Fix login [2J bug');
    expect(streamNameSchema.parse(raw)).toBe(cleanStreamName(raw));
  });
});

describe('choosing stream ids', () => {
  it('continues previous ids, reuses a stream that holds most of a group, else makes a new id', () => {
    const { streams } = ok({
      streams: [
        { id: 'prev-1', name: 'Login', session_ids: ['s1'], confidence: 0.9 },
        { id: 'fresh-label', name: 'Docs', session_ids: ['s2', 's3'], confidence: 0.9 },
      ],
    });
    let n = 0;
    const newId = () => `uuid-${++n}`;
    const resolved = resolveStreamIds(
      streams,
      new Map([
        ['s2', 'old-docs'],
        ['s3', 'old-docs'],
      ]),
      newId,
    );
    expect(resolved.map((s) => s.id)).toEqual(['prev-1', 'old-docs']);
    const fresh = resolveStreamIds(
      streams,
      new Map([
        ['s2', 'old-docs'],
        ['s3', 'other'],
      ]),
      newId,
    );
    expect(fresh.map((s) => s.id)).toEqual(['prev-1', 'uuid-1']);
    const sameAsFirst = new Map([
      ['s2', 'old-docs'],
      ['s3', 'old-docs'],
    ]);
    const notReusable = resolveStreamIds(streams, sameAsFirst, newId, () => false);
    expect(notReusable.map((s) => s.id)).toEqual(['prev-1', 'uuid-2']);
  });
});

describe('whatever the model answers', () => {
  it('keeps only listed sessions, each in one stream, with bounded names, or refuses a confidence out of range', () => {
    const known = ['s1', 's2', 's3', 'kid'];
    const idArb = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 6 }));
    const streamArb = fc.record({
      id: fc.oneof(fc.constant('prev-1'), fc.string({ maxLength: 8 })),
      name: fc.string({ maxLength: 300 }),
      session_ids: fc.array(idArb, { maxLength: 8 }),
      confidence: fc.double({ noNaN: false }),
    });
    fc.assert(
      fc.property(fc.array(streamArb, { maxLength: 6 }), (streams) => {
        const check = validateStreamsAnswer({ streams }, context);
        const inRange = (c: number) => Number.isFinite(c) && c >= 0 && c <= 1;
        if (!check.ok) return streams.some((s) => !inRange(s.confidence));
        const all = check.streams.flatMap((s) => s.sessionIds);
        expect(new Set(all).size).toBe(all.length);
        for (const id of all) expect(['s1', 's2', 's3']).toContain(id); // kid follows its parent
        for (const s of check.streams) {
          expect(s.name.length).toBeGreaterThan(0);
          expect(s.name.length).toBeLessThanOrEqual(STREAM_NAME_MAX_LENGTH);
          expect(s.confidence).toBeGreaterThanOrEqual(0);
          expect(s.confidence).toBeLessThanOrEqual(1);
          expect(s.sessionIds.length).toBeGreaterThan(0);
        }
        return true;
      }),
    );
  });
});
