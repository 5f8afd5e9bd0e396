import { describe, expect, it } from 'vitest';
import type { Allocation, StreamAllocation } from '../../src/core/time/allocation-types';
import { buildReport, buildTimeline, unassignedName, type StreamInfo } from '../../src/core/time/views';

const MIN = 60_000;

function stream(
  streamId: string | null,
  direct: number,
  delegated: number,
  sessionIds: string[] = [],
): StreamAllocation {
  return {
    streamId,
    direct: direct > 0 ? [[0, direct * MIN]] : [],
    delegated: delegated > 0 ? [[0, delegated * MIN]] : [],
    waiting: [],
    manual: [],
    directMs: direct * MIN,
    delegatedMs: delegated * MIN,
    waitingMs: 0,
    manualMs: 0,
    sessionIds,
    sessionCount: sessionIds.length,
  };
}

function allocation(streams: StreamAllocation[]): Allocation {
  return {
    period: { start: 0, end: 120 * MIN },
    streams,
    totals: {
      directMs: streams.reduce((n, s) => n + s.directMs, 0),
      delegatedMs: streams.reduce((n, s) => n + s.delegatedMs, 0),
      waitingMs: 0,
      activeMs: 60 * MIN,
      sessionCount: streams.reduce((n, s) => n + s.sessionCount, 0),
    },
  };
}

const info = (name: string, project: string | null): StreamInfo => ({
  name,
  project,
  confidence: 0.9,
  source: 'llm',
  reviewed: false,
});

describe('buildReport', () => {
  it('has no delegation ratio without direct time, and no share of attention without any attention', () => {
    const report = buildReport(
      allocation([stream('a', 0, 30, ['s1'])]),
      new Map([['a', info('A', 'p')]]),
      'stream',
    );
    expect(report.rows).toEqual([
      {
        key: 'a',
        name: 'A',
        project: 'p',
        directMs: 0,
        delegatedMs: 30 * MIN,
        waitingMs: 0,
        delegationRatio: null,
        sessions: 1,
        attentionShare: 0,
      },
    ]);
    expect(report.total).toMatchObject({
      key: 'total',
      delegationRatio: null,
      attentionShare: 0,
      sessions: 1,
    });
  });

  it('keeps a stream the store no longer knows, by its id, rather than dropping its time', () => {
    const report = buildReport(allocation([stream('gone', 10, 0)]), new Map(), 'stream');
    expect(report.rows.map((r) => [r.key, r.name, r.directMs])).toEqual([['gone', 'gone', 10 * MIN]]);
  });

  it('rolls streams up by project, keeping unassigned apart and streams without a project together', () => {
    const streams = new Map([
      ['a', info('A', 'alpha')],
      ['b', info('B', 'alpha')],
      ['c', info('C', null)],
      ['d', info('D', null)],
    ]);
    const report = buildReport(
      allocation([
        stream('a', 10, 60, ['s1']),
        stream('b', 5, 30, ['s2']),
        stream(null, 20, 10, ['s3']),
        stream('c', 3, 0),
        stream('d', 2, 0),
      ]),
      streams,
      'project',
    );
    expect(
      report.rows.map((r) => [r.key, r.name, r.directMs / MIN, r.delegatedMs / MIN, r.sessions]),
    ).toEqual([
      ['', 'Unassigned', 20, 10, 1],
      ['alpha', 'alpha', 15, 90, 2],
      ['(no project)', '(no project)', 5, 0, 0],
    ]);
    expect(report.rows.reduce((n, r) => n + r.attentionShare, 0)).toBeCloseTo(1);
    expect(report.total).toMatchObject({ directMs: 40 * MIN, delegatedMs: 100 * MIN, sessions: 3 });
  });
});

describe('buildTimeline', () => {
  it('names the unassigned lane, attaches known sessions, and keeps the allocation’s order and totals', () => {
    const marker = {
      sessionId: 's1',
      start: 0,
      end: MIN,
      isSubagent: false,
      label: 'Fix it',
      projectName: 'alpha',
      agent: 'claude-code' as const,
    };
    const timeline = buildTimeline(
      allocation([stream('a', 10, 60, ['s1', 'missing']), stream(null, 5, 0)]),
      new Map([['a', info('A', 'alpha')]]),
      new Map([['s1', marker]]),
    );
    expect(timeline.lanes.map((l) => [l.streamId, l.name, l.source, l.sessions])).toEqual([
      ['a', 'A', 'llm', [marker]],
      [null, 'Unassigned', null, []],
    ]);
    expect(timeline.totals).toEqual({
      directMs: 15 * MIN,
      delegatedMs: 60 * MIN,
      waitingMs: 0,
      activeMs: 60 * MIN,
    });
  });
});

describe('unassignedName', () => {
  const marker = (sessionId: string, projectName: string | null) => ({
    sessionId,
    start: 0,
    end: MIN,
    isSubagent: false,
    label: sessionId,
    projectName,
    agent: 'claude-code' as const,
  });
  it('names the projects of unassigned work, so a person sees whose work it is', () => {
    expect(unassignedName([marker('s1', 'spotter'), marker('s2', 'spotter'), marker('s3', null)])).toBe(
      'Unassigned · spotter',
    );
    expect(unassignedName(['e', 'd', 'c', 'b', 'a'].map((p) => marker(p, p)))).toBe(
      'Unassigned · a, b, c +2',
    );
    expect(unassignedName([marker('s1', null)])).toBe('Unassigned');
  });
});
