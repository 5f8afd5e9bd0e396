import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';
import { seedEvents, seedSession, seedStream } from '../helpers/time-seed';

// The split-and-add property through the real loader: each half of a range is loaded from the
// database on its own (with only what its SQL fetches), and the halves must add up to the whole.
const MIN = 60_000;
const BASE = Date.UTC(2026, 10, 24, 8, 0);
const at = (minutes: number) => BASE + minutes * MIN;
const STREAMS = ['A', 'B', null] as const;

const dataArb = fc.record({
  events: fc.array(
    fc.record({
      minute: fc.integer({ min: -60, max: 600 }),
      type: fc.constantFrom('pane-focus', 'scroll', 'idle-start', 'idle-end') as fc.Arbitrary<
        'pane-focus' | 'scroll' | 'idle-start' | 'idle-end'
      >,
      stream: fc.constantFrom(...STREAMS),
    }),
    { maxLength: 40 },
  ),
  sessions: fc.array(
    fc.record({
      stream: fc.constantFrom(...STREAMS),
      subagentOfFirst: fc.boolean(),
      spans: fc.uniqueArray(fc.tuple(fc.integer({ min: -120, max: 600 }), fc.integer({ min: 0, max: 90 })), {
        selector: ([from]) => from, // (session, start) is the table's key
        minLength: 1,
        maxLength: 4,
      }),
      prompts: fc.array(fc.integer({ min: -60, max: 600 }), { maxLength: 4 }),
    }),
    { maxLength: 5 },
  ),
  range: fc.tuple(
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 1, max: 300 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ),
});

describe('TimeService: a range split in two adds up to the whole', () => {
  it('holds on random days read back from a real database', async () => {
    const service = TtService.open({ dataDir: tempDir(), env: {} });
    seedStream(service.db, { id: 'A' });
    seedStream(service.db, { id: 'B' });
    const clear = () =>
      service.db.exec(`DELETE FROM events; DELETE FROM event_streams; DELETE FROM sessions;
        DELETE FROM session_activity; DELETE FROM session_time_spans; DELETE FROM session_prompts;
        DELETE FROM session_streams;`);
    await fc.assert(
      fc.asyncProperty(dataArb, async ({ events, sessions, range }) => {
        clear();
        seedEvents(
          service.db,
          events.map((e) => ({ ts: at(e.minute), type: e.type, streamId: e.stream })),
        );
        sessions.forEach((s, i) => {
          const isSubagent = i > 0 && s.subagentOfFirst;
          seedSession(service.db, {
            id: `s${i}`,
            streamId: isSubagent ? null : s.stream,
            parentId: isSubagent ? 's0' : null,
            isSubagent,
            spans: s.spans.map(([from, length]) => [at(from), at(from + length)]),
            prompts: [...new Set(s.prompts)].map(at),
          });
        });
        const [from, length, cut] = range;
        const start = at(from);
        const end = at(from + length);
        const split = start + Math.floor((end - start) * cut);
        const whole = await service.timeline({ start, end });
        const halves = [
          split > start ? await service.timeline({ start, end: split }) : null,
          split < end ? await service.timeline({ start: split, end }) : null,
        ];
        const sum = (pick: (lane: (typeof whole.lanes)[number]) => number) => {
          const totals = new Map<string | null, number>();
          for (const timeline of halves) {
            for (const lane of timeline?.lanes ?? []) {
              totals.set(lane.streamId, (totals.get(lane.streamId) ?? 0) + pick(lane));
            }
          }
          return totals;
        };
        const wholeBy = (pick: (lane: (typeof whole.lanes)[number]) => number) =>
          new Map(whole.lanes.map((lane) => [lane.streamId, pick(lane)]));
        const nonZero = (m: Map<string | null, number>) => new Map([...m].filter(([, v]) => v > 0));
        expect(nonZero(sum((l) => l.directMs))).toEqual(nonZero(wholeBy((l) => l.directMs)));
        expect(nonZero(sum((l) => l.delegatedMs))).toEqual(nonZero(wholeBy((l) => l.delegatedMs)));
        const active = halves.reduce((n, t) => n + (t?.totals.activeMs ?? 0), 0);
        expect(active).toBe(whole.totals.activeMs);
      }),
      { numRuns: 1_000 },
    );
    service.close();
  });
});
