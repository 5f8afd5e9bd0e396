import { describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { TtError } from '../../src/main/errors';
import { tempDir } from '../helpers/temp';
import { seedEvents, seedSession, seedStream, seedWorkedExample } from '../helpers/time-seed';

const MIN = 60_000;
const BASE = Date.UTC(2026, 10, 24, 14, 0);
const at = (minutes: number) => BASE + minutes * MIN;
const HOUR = { start: at(0), end: at(60) };

/** Each stream's totals in the hour, as the stream list shows them (streams with no time left out). */
async function totalsOf(service: TtService) {
  const streams = await service.listStreams(HOUR);
  return Object.fromEntries(
    streams
      .filter((s) => s.directMs + s.delegatedMs + s.waitingMs > 0)
      .map((s) => [s.id, { directMs: s.directMs, delegatedMs: s.delegatedMs, waitingMs: s.waitingMs }]),
  );
}

function openService(): TtService {
  return TtService.open({ dataDir: tempDir(), env: {}, now: () => at(120) });
}

function minutesOf(intervals: [number, number][]): [number, number][] {
  return intervals.map(([a, b]) => [(a - BASE) / MIN, (b - BASE) / MIN]);
}

describe('TimeService on a real database', () => {
  it('draws the worked example as lanes ordered by attention, with intervals and sessions', async () => {
    const service = openService();
    seedWorkedExample(service.db, BASE);
    const timeline = await service.timeline(HOUR);
    expect(timeline.lanes.map((l) => [l.name, l.directMs / MIN, l.delegatedMs / MIN])).toEqual([
      ['Alpha API', 20, 60],
      ['Alpha docs', 15, 60],
      ['Beta', 10, 60],
    ]);
    expect(timeline.totals).toEqual({
      directMs: 45 * MIN,
      delegatedMs: 180 * MIN,
      waitingMs: 0,
      activeMs: 60 * MIN,
    });
    const [a, b, c] = timeline.lanes;
    expect(minutesOf(a!.direct)).toEqual([[0, 20]]);
    expect(minutesOf(b!.direct)).toEqual([[20, 35]]);
    expect(minutesOf(c!.direct)).toEqual([[35, 45]]);
    expect(minutesOf(a!.delegated)).toEqual([[0, 60]]);
    expect(b).toMatchObject({ streamId: 'B', source: 'llm', confidence: 0.6, reviewed: false });
    expect(c).toMatchObject({ reviewed: true });
    expect(a!.sessions).toEqual([
      {
        sessionId: 'session-a',
        start: at(0),
        end: at(60),
        isSubagent: false,
        label: 'Add the billing endpoint',
        projectName: 'alpha',
        agent: 'claude-code',
        branch: null,
      },
    ]);
    service.close();
  });

  it('reports per stream and per project from the same numbers', async () => {
    const service = openService();
    seedWorkedExample(service.db, BASE);
    const byStream = await service.report({ ...HOUR, by: 'stream' });
    expect(byStream.rows.map((r) => [r.key, r.directMs / MIN, r.delegatedMs / MIN, r.sessions])).toEqual([
      ['A', 20, 60, 1],
      ['B', 15, 60, 1],
      ['C', 10, 60, 1],
    ]);
    expect(byStream.rows[0]!.delegationRatio).toBe(3);
    expect(byStream.rows[0]!.attentionShare).toBeCloseTo(20 / 45);
    expect(byStream.total).toMatchObject({
      directMs: 45 * MIN,
      delegatedMs: 180 * MIN,
      sessions: 3,
      attentionShare: 1,
    });
    expect(byStream.total.delegationRatio).toBe(4);

    // "alpha/docs" is a workspace of alpha: both streams roll up into it
    const byProject = await service.report({ ...HOUR, by: 'project' });
    expect(byProject.rows.map((r) => [r.name, r.directMs / MIN, r.delegatedMs / MIN, r.sessions])).toEqual([
      ['alpha', 35, 120, 2],
      ['beta', 10, 60, 1],
    ]);
    expect(byProject.total).toEqual(byStream.total);

    expect(await totalsOf(service)).toEqual({
      A: { directMs: 20 * MIN, delegatedMs: 60 * MIN, waitingMs: 0 },
      B: { directMs: 15 * MIN, delegatedMs: 60 * MIN, waitingMs: 0 },
      C: { directMs: 10 * MIN, delegatedMs: 60 * MIN, waitingMs: 0 },
    });
    service.close();
  });

  it('reads attention carried in from just before the range, and agent work bridging into it', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A' });
    seedStream(service.db, { id: 'B' });
    // a focus 3 minutes before the range still holds attention; one 6 minutes before does not
    seedEvents(service.db, [
      { ts: at(-6), streamId: 'B' },
      { ts: at(-3), streamId: 'A' },
    ]);
    // silent for 25 minutes across the range's start: still working
    seedSession(service.db, {
      id: 's1',
      streamId: 'A',
      spans: [
        [at(-40), at(-15)],
        [at(10), at(20)],
      ],
    });
    const timeline = await service.timeline(HOUR);
    expect(timeline.lanes.map((l) => [l.streamId, minutesOf(l.direct), minutesOf(l.delegated)])).toEqual([
      ['A', [[0, 2]], [[0, 20]]],
    ]);
    // the halves of the hour, loaded separately, add up to the hour
    const first = await service.timeline({ start: at(0), end: at(10) });
    const second = await service.timeline({ start: at(10), end: at(60) });
    expect(first.totals.directMs + second.totals.directMs).toBe(timeline.totals.directMs);
    expect(first.totals.delegatedMs + second.totals.delegatedMs).toBe(timeline.totals.delegatedMs);
    service.close();
  });

  it('keeps a session silent for hours (crashed) from counting the silence', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A' });
    seedSession(service.db, {
      id: 's1',
      streamId: 'A',
      spans: [
        [at(0), at(10)],
        [at(300), at(305)],
      ],
    });
    const report = await service.report({ start: at(0), end: at(360), by: 'stream' });
    expect(report.total.delegatedMs).toBe(15 * MIN);
    service.close();
  });

  it('gives a subagent’s work to its parent’s stream, and never its prompts as attention', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A' });
    seedSession(service.db, {
      id: 'parent',
      streamId: 'A',
      spans: [
        [at(0), at(5)],
        [at(50), at(60)],
      ],
      prompts: [at(0)],
    });
    // unassigned itself, working while the parent is silent, with "prompts" from the parent agent
    seedSession(service.db, {
      id: 'agent-1',
      parentId: 'parent',
      isSubagent: true,
      spans: [[at(5), at(50)]],
      prompts: [at(6), at(20)],
    });
    const timeline = await service.timeline(HOUR);
    expect(timeline.lanes).toHaveLength(1);
    const lane = timeline.lanes[0]!;
    expect(lane.streamId).toBe('A');
    expect(lane.delegatedMs).toBe(60 * MIN);
    expect(lane.directMs).toBe(5 * MIN);
    expect(lane.sessions.map((s) => [s.sessionId, s.isSubagent])).toEqual([
      ['agent-1', true],
      ['parent', false],
    ]);
    const report = await service.report({ ...HOUR, by: 'stream' });
    expect(report.rows[0]!.sessions).toBe(1);
    service.close();
  });

  it('reports events and sessions with no stream as unassigned, apart from every stream', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A', name: 'Alpha' });
    seedEvents(service.db, [{ ts: at(0), streamId: 'A' }, { ts: at(2) }]);
    seedSession(service.db, { id: 'loose', spans: [[at(0), at(30)]], prompts: [at(10)] });
    const timeline = await service.timeline(HOUR);
    expect(timeline.lanes.map((l) => [l.streamId, l.name, l.directMs / MIN, l.delegatedMs / MIN])).toEqual([
      [null, 'Unassigned', 10, 30],
      ['A', 'Alpha', 2, 0],
    ]);
    const report = await service.report({ ...HOUR, by: 'project' });
    expect(report.rows.map((r) => [r.key, r.name, r.directMs / MIN])).toEqual([
      ['', 'Unassigned', 10],
      ['(no project)', '(no project)', 2],
    ]);
    expect(await totalsOf(service)).toEqual({
      A: { directMs: 2 * MIN, delegatedMs: 0, waitingMs: 0 },
    });
    service.close();
  });

  it('counts a session indexed without activity spans from its first and last record', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A' });
    seedSession(service.db, { id: 'short', streamId: 'A', start: at(10), end: at(25) });
    seedSession(service.db, { id: 'long', streamId: 'A', start: at(-300), end: at(30) });
    const lane = (await service.timeline(HOUR)).lanes[0]!;
    expect(minutesOf(lane.delegated)).toEqual([[10, 25]]);
    expect(lane.sessions.map((s) => s.sessionId)).toEqual(['long', 'short']);
    service.close();
  });

  it('follows the attention window and session timeout settings', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A' });
    seedEvents(service.db, [{ ts: at(0), streamId: 'A' }]);
    seedSession(service.db, {
      id: 's1',
      streamId: 'A',
      spans: [
        [at(0), at(10)],
        [at(50), at(60)],
      ],
    });
    expect((await service.timeline(HOUR)).totals).toMatchObject({
      directMs: 5 * MIN,
      delegatedMs: 20 * MIN,
      waitingMs: 0,
    });
    await service.updateSettings({ attentionWindowMinutes: 15, sessionTimeoutMinutes: 45 });
    expect((await service.timeline(HOUR)).totals).toMatchObject({
      directMs: 15 * MIN,
      delegatedMs: 60 * MIN,
    });
    service.close();
  });

  it('refuses a range that ends before it starts', async () => {
    const service = openService();
    await expect(service.timeline({ start: at(10), end: at(0) })).rejects.toThrow(TtError);
    service.close();
  });
});

describe('TimeService after a merge', () => {
  it('shows the merged streams as one lane whose time is not double-counted', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A', name: 'Alpha' });
    seedStream(service.db, { id: 'B', name: 'Alpha too' });
    seedSession(service.db, { id: 's1', streamId: 'A', spans: [[at(0), at(40)]] });
    seedSession(service.db, { id: 's2', streamId: 'B', spans: [[at(20), at(60)]] });
    seedEvents(service.db, [
      { ts: at(0), streamId: 'A' },
      { ts: at(3), streamId: 'B' },
    ]);
    expect(
      (await service.timeline(HOUR)).lanes.map((l) => [l.streamId, l.directMs / MIN, l.delegatedMs / MIN]),
    ).toEqual([
      ['B', 5, 40],
      ['A', 3, 40],
    ]);
    await service.mergeStreams({ from: 'B', into: 'A' });
    const merged = await service.timeline(HOUR);
    expect(
      merged.lanes.map((l) => [l.streamId, l.directMs / MIN, l.delegatedMs / MIN, l.sessions.length]),
    ).toEqual([['A', 8, 60, 2]]);
    service.close();
  });

  it('counts an assignment still pointing at a merged-away stream for the stream it was merged into', async () => {
    const service = openService();
    seedStream(service.db, { id: 'A', name: 'Alpha' });
    seedStream(service.db, { id: 'B', name: 'Alpha too' });
    seedSession(service.db, { id: 's2', streamId: 'B', spans: [[at(0), at(30)]], prompts: [at(0)] });
    service.db.prepare("UPDATE streams SET merged_into = 'A' WHERE id = 'B'").run();
    const timeline = await service.timeline(HOUR);
    expect(timeline.lanes.map((l) => [l.streamId, l.name, l.directMs / MIN, l.delegatedMs / MIN])).toEqual([
      ['A', 'Alpha', 5, 30],
    ]);
    service.close();
  });
});
