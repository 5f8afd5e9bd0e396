import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesSomething, editWrites, type StreamState } from '../../src/core/sync/edit-writes';
import {
  MAX_AHEAD_MS,
  MAX_COUNTER,
  decodeHlc,
  encodeHlc,
  observedOffset,
  receive,
  stampProblem,
  tick,
  type Hlc,
} from '../../src/core/sync/hlc';
import {
  SEGMENT_LIMITS,
  SegmentParser,
  parseSegment,
  serializeSegment,
  type SegmentHeader,
} from '../../src/core/sync/segment';

const A = '0a0a0a0a-1111-4222-8333-444455556666';
const B = '0b0b0b0b-1111-4222-8333-444455556666';

describe('hybrid logical clock', () => {
  it('orders stamps as their text orders, and never goes back on a machine', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 3 })),
          {
            maxLength: 50,
          },
        ),
        (steps) => {
          let clock: Hlc = { wall: 0, counter: 0, machine: A };
          let previous = encodeHlc(clock);
          for (const [local, wall, counter] of steps) {
            clock = local ? tick(clock, wall) : receive(clock, { wall, counter, machine: B }, wall - 600_000);
            const text = encodeHlc(clock);
            expect(text > previous).toBe(true);
            if (!local) expect(text > encodeHlc({ wall, counter, machine: B })).toBe(true);
            expect(decodeHlc(text)).toEqual(clock);
            previous = text;
          }
        },
      ),
    );
  });

  it('keeps a slow clock from losing to a stamp it has seen', () => {
    const seen: Hlc = { wall: 10_000_000, counter: 4, machine: B };
    const after = tick(receive({ wall: 0, counter: 0, machine: A }, seen, 1_000), 2_000);
    expect(encodeHlc(after) > encodeHlc(seen)).toBe(true);
    expect(decodeHlc('not a stamp')).toBeNull();
  });

  it('never lets a counter run past its digits, whatever stamp comes in', () => {
    const full: Hlc = { wall: 5_000, counter: MAX_COUNTER, machine: B };
    const seen = receive({ wall: 0, counter: 0, machine: A }, full, 1_000);
    expect(seen).toEqual({ wall: 5_001, counter: 0, machine: A });
    expect(encodeHlc(seen) > encodeHlc(full)).toBe(true);
    const ticked = tick({ wall: 9_000, counter: MAX_COUNTER, machine: A }, 1_000);
    expect(ticked).toEqual({ wall: 9_001, counter: 0, machine: A });
    expect(decodeHlc(encodeHlc(ticked))).toEqual(ticked);
  });

  it('refuses a stamp too far ahead, and carries the largest skew it believes', () => {
    const now = Date.UTC(2026, 10, 2);
    expect(stampProblem({ wall: 999_999_999_999_999, counter: 0, machine: B }, now)).toMatch(/days ahead/);
    expect(stampProblem({ wall: now + MAX_AHEAD_MS - 1, counter: 0, machine: B }, now)).toBeNull();
    expect(observedOffset(0, now + 3_600_000, now)).toBe(3_600_000);
    expect(observedOffset(3_600_000, now - 60_000, now)).toBe(3_600_000);
    expect(observedOffset(0, now + 10 * MAX_AHEAD_MS, now)).toBe(MAX_AHEAD_MS);
  });
});

describe('sync segments', () => {
  const header: SegmentHeader = {
    tt: 'sync-segment',
    version: 1,
    machine: A,
    machineName: 'laptop',
    instance: B,
    seq: 3,
    createdAt: Date.UTC(2026, 10, 2),
  };
  const event = {
    kind: 'event' as const,
    row: {
      id: 'e1',
      ts: Date.UTC(2026, 10, 2, 9),
      type: 'pane-focus',
      pane_id: '%1',
      tmux_session: null,
      window_index: 0,
      cwd: '/w',
      project_name: 'w',
      workspace_name: null,
      identity_source: 'path',
      detail: null,
      git_branch: null,
    },
  };

  it('reads back what it writes', () => {
    const parsed = parseSegment(serializeSegment(header, [event]));
    expect(parsed).toEqual({ ok: true, header, records: [event], skippedLines: [] });
  });

  it('tells a segment cut short, from a newer tt, or not a segment, and skips a bad line alone', () => {
    const text = serializeSegment(header, [event, event]);
    expect(parseSegment(text.slice(0, text.length - 20))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('cut short'),
    });
    expect(parseSegment(serializeSegment({ ...header, version: 2 }, []))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('newer tt'),
    });
    expect(parseSegment('hello\n')).toMatchObject({ ok: false, reason: 'not a tt sync segment' });
    const lines = text.split('\n');
    lines[1] = '{"kind":"event","row":{"id":3}}';
    const parsed = parseSegment(lines.join('\n'));
    expect(parsed.ok && parsed.records).toHaveLength(1);
    expect(parsed.ok && parsed.skippedLines[0]).toMatchObject({
      line: 2,
      reason: expect.stringContaining('invalid event'),
    });
  });

  it('refuses rows a local index would not hold: an end before its start, a time outside 2000–2199', () => {
    const start = Date.UTC(2026, 10, 2, 9);
    const session = {
      kind: 'session' as const,
      id: 's1',
      version: 1,
      row: {
        parent_session_id: null,
        project_path: '/w',
        project_name: 'w',
        start_time: start,
        end_time: start + 60_000,
        message_count: 1,
        summary: null,
        custom_title: null,
        first_prompt: null,
        is_subagent: 0 as const,
        agent_type: null,
        last_message_uuid: null,
        git_branch: null,
        git_branch_share: null,
      },
      prompts: [] as [number, string | null][],
      activity: [] as [number, number][],
      spans: [] as ['agent', number, number, number, number][],
    };
    const reversed = { ...session, row: { ...session.row, end_time: start - 50 * 60_000 } };
    const far = { ...session, row: { ...session.row, end_time: 8_640_000_000_000 } };
    const backwardsTurn = { ...session, spans: [['agent', start, 0, start + 60_000, start] as const] };
    const farEvent = { ...event, row: { ...event.row, ts: Date.UTC(2400, 0, 1) } };
    const parsed = parseSegment(
      serializeSegment(header, [session, reversed, far, backwardsTurn, farEvent] as never),
    );
    expect(parsed.ok && parsed.records).toEqual([session]);
    expect(parsed.ok && parsed.skippedLines.map((l) => l.reason)).toEqual([
      'invalid session: its end is before its start',
      'invalid session: a time outside 2000–2199',
      'invalid session: a turn ends before it starts',
      'invalid event: a time outside 2000–2199',
    ]);
  });

  it('refuses an op that merges a stream into itself, and keeps write kinds it does not know', () => {
    const op = (writes: unknown) => ({
      kind: 'op',
      id: '0c0c0c0c-1111-4222-8333-444455556666',
      hlc: encodeHlc({ wall: Date.UTC(2026, 10, 2), counter: 0, machine: A }),
      description: 'x',
      writes,
    });
    const self = op({
      streams: [{ id: 's1', fields: { merged_into: 's1' }, base: null }],
      sessions: [],
      events: [],
    });
    const newer = op({ entries: [{ id: 'm1', start: 1 }] });
    const parsed = parseSegment(serializeSegment(header, [self, newer] as never));
    expect(parsed.ok && parsed.skippedLines.map((l) => l.reason)).toEqual([
      'invalid op: it merges a stream into itself',
    ]);
    expect(parsed.ok && parsed.records).toEqual([
      { ...newer, writes: { streams: [], sessions: [], events: [], entries: [{ id: 'm1', start: 1 }] } },
    ]);
  });

  it('stops at its line limit, and counts bad lines past the ones it reports', () => {
    const parser = new SegmentParser();
    expect(parser.push(JSON.stringify(header))).toBeNull();
    let stopped: string | null = null;
    for (let i = 0; i < SEGMENT_LIMITS.lines + 5 && stopped === null; i++) stopped = parser.push('');
    expect(stopped).toBe("more than 1000 bad lines (tt writes none): not a segment of tt's");
    expect(parser.finish()).toMatchObject({ ok: false, reason: stopped });

    const lines = [
      JSON.stringify(header),
      ...Array.from({ length: 30 }, () => 'junk'),
      '{"kind":"end","records":30}',
    ];
    const parsed = parseSegment(lines.join('\n'));
    expect(parsed.ok && parsed.skippedLines).toHaveLength(SEGMENT_LIMITS.reportedBadLines + 1);
    expect(parsed.ok && parsed.skippedLines.at(-1)!.reason).toBe('and 10 more bad lines');
  });
});

describe('edit writes', () => {
  const stream = (fields: Partial<StreamState> = {}): StreamState => ({
    id: 's1',
    name: 'shop',
    confidence: 1,
    source: 'directory',
    reviewed: 0,
    name_locked: 0,
    project_key: 'shop',
    created_at: 0,
    merged_into: null,
    ...fields,
  });

  it('keeps only what the edit changed, with the stream to make where it is missing', () => {
    const before = { streams: [{ id: 's1', row: stream() }], sessions: [], events: [] };
    const after = {
      streams: [{ id: 's1', row: stream({ name: 'Shop', name_locked: 1 }) }],
      sessions: [],
      events: [],
    };
    const writes = editWrites(before, after);
    expect(writes.streams).toEqual([
      { id: 's1', fields: { name: 'Shop', name_locked: 1 }, base: stream({ name: 'Shop', name_locked: 1 }) },
    ]);
    expect(changesSomething(writes)).toBe(true);
    expect(changesSomething(editWrites(before, before))).toBe(false);
  });

  it('writes a moved session and a removed stream', () => {
    const row = { stream_id: 's1', assigned_by: 'directory' as const, confidence: 0.6 };
    const writes = editWrites(
      { streams: [{ id: 's1', row: stream() }], sessions: [{ id: 'x', row }], events: [] },
      {
        streams: [{ id: 's1', row: null }],
        sessions: [{ id: 'x', row: { stream_id: 's2', assigned_by: 'user', confidence: 1 } }],
        events: [],
      },
    );
    expect(writes.streams).toEqual([{ id: 's1', fields: null, base: null }]);
    expect(writes.sessions).toEqual([
      { id: 'x', row: { stream_id: 's2', assigned_by: 'user', confidence: 1 } },
    ]);
  });
});
