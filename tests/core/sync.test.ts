import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesSomething, editWrites, type StreamState } from '../../src/core/sync/edit-writes';
import { decodeHlc, encodeHlc, receive, tick, type Hlc } from '../../src/core/sync/hlc';
import { parseSegment, serializeSegment, type SegmentHeader } from '../../src/core/sync/segment';

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
});

describe('sync segments', () => {
  const header: SegmentHeader = {
    tt: 'sync-segment',
    version: 1,
    machine: A,
    machineName: 'laptop',
    instance: B,
    seq: 3,
    createdAt: 1,
  };
  const event = {
    kind: 'event' as const,
    row: {
      id: 'e1',
      ts: 5,
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
