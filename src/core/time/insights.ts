// Where a range went: totals per project and stream, a chart's buckets and weekly trends, all
// cut from the one allocation of the range that the timeline and `tt report` use. A project
// filter narrows every figure without changing the allocation (attention is allocated across
// every stream first, so a project's time is the same filtered or not).

import type { Insights, InsightsBucket, InsightsRow, InsightsTrend } from '../../shared/api';
import type { Allocation, StreamAllocation } from './allocation-types';
import { bucketUnit, calendarBounds, measureBySlice } from './calendar';
import { measure, union } from './intervals';
import { projectOf } from './timesheet';
import { UNASSIGNED_KEY, UNASSIGNED_NAME, type StreamInfo } from './views';

/** Most direct time first, then delegated, then by name. */
export function compareInsightsRows(a: InsightsRow, b: InsightsRow): number {
  return (
    b.directMs - a.directMs ||
    b.delegatedMs - a.delegatedMs ||
    b.waitingMs - a.waitingMs ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** Rows of an allocation keyed by something other than streams (agents, machines), named by `names`. */
export function keyedRows(
  allocation: Allocation,
  names: (key: string | null) => string | null,
): InsightsRow[] {
  const rows = new Map<string, InsightsRow>();
  for (const stream of allocation.streams) {
    const name = names(stream.streamId);
    if (name === null) continue;
    const key = stream.streamId ?? UNASSIGNED_KEY;
    const row = rows.get(key) ?? { key, name, directMs: 0, delegatedMs: 0, waitingMs: 0, manualMs: 0 };
    row.directMs += stream.directMs;
    row.delegatedMs += stream.delegatedMs;
    row.waitingMs += stream.waitingMs;
    row.manualMs += stream.manualMs;
    rows.set(key, row);
  }
  return [...rows.values()]
    .filter((r) => r.directMs + r.delegatedMs + r.waitingMs > 0)
    .sort(compareInsightsRows);
}

export function buildInsights(
  allocation: Allocation,
  streams: ReadonlyMap<string, StreamInfo>,
  includeProject: (project: string) => boolean,
  others: { agents: InsightsRow[]; machines: InsightsRow[] },
): Omit<Insights, 'agents' | 'machines'> & { agents: InsightsRow[]; machines: InsightsRow[] } {
  const { start, end } = allocation.period;
  const included: { stream: StreamAllocation; project: string }[] = [];
  for (const stream of allocation.streams) {
    const project = projectOf(stream, streams);
    if (includeProject(project)) included.push({ stream, project });
  }

  const projects = new Map<string, InsightsRow>();
  const streamRows: InsightsRow[] = [];
  for (const { stream, project } of included) {
    const times = {
      directMs: stream.directMs,
      delegatedMs: stream.delegatedMs,
      waitingMs: stream.waitingMs,
      manualMs: stream.manualMs,
    };
    streamRows.push({
      key: stream.streamId ?? UNASSIGNED_KEY,
      name:
        stream.streamId === null ? UNASSIGNED_NAME : (streams.get(stream.streamId)?.name ?? stream.streamId),
      project,
      ...times,
    });
    const row = projects.get(project) ?? {
      key: project,
      name: project,
      directMs: 0,
      delegatedMs: 0,
      waitingMs: 0,
      manualMs: 0,
    };
    row.directMs += times.directMs;
    row.delegatedMs += times.delegatedMs;
    row.waitingMs += times.waitingMs;
    row.manualMs += times.manualMs;
    projects.set(project, row);
  }

  const unit = bucketUnit(start, end);
  const bounds = calendarBounds(start, end, unit);
  const buckets: InsightsBucket[] = bounds.slice(0, -1).map((at, i) => ({
    start: at,
    end: bounds[i + 1]!,
    projects: {},
  }));
  const weekBounds = calendarBounds(start, end, 'week');
  const trends: InsightsTrend[] = weekBounds.slice(0, -1).map((at) => ({
    start: at,
    directMs: 0,
    delegatedMs: 0,
    waitingMs: 0,
    leverage: null,
  }));
  for (const { stream, project } of included) {
    const direct = measureBySlice(stream.direct, bounds);
    const delegated = measureBySlice(stream.delegated, bounds);
    const waiting = measureBySlice(stream.waiting, bounds);
    buckets.forEach((bucket, i) => {
      if (direct[i]! + delegated[i]! + waiting[i]! === 0) return;
      const sums = (bucket.projects[project] ??= [0, 0, 0]);
      sums[0] += direct[i]!;
      sums[1] += delegated[i]!;
      sums[2] += waiting[i]!;
    });
    const weekly = [stream.direct, stream.delegated, stream.waiting].map((list) =>
      measureBySlice(list, weekBounds),
    );
    trends.forEach((week, i) => {
      week.directMs += weekly[0]![i]!;
      week.delegatedMs += weekly[1]![i]!;
      week.waitingMs += weekly[2]![i]!;
    });
  }
  for (const week of trends) week.leverage = week.directMs > 0 ? week.delegatedMs / week.directMs : null;

  const sum = (pick: (s: StreamAllocation) => number) =>
    included.reduce((n, { stream }) => n + pick(stream), 0);
  return {
    start,
    end,
    totals: {
      directMs: sum((s) => s.directMs),
      delegatedMs: sum((s) => s.delegatedMs),
      waitingMs: sum((s) => s.waitingMs),
      manualMs: sum((s) => s.manualMs),
      activeMs: measure(union(included.flatMap(({ stream }) => [...stream.direct, ...stream.delegated]))),
    },
    projects: [...projects.values()].sort(compareInsightsRows),
    streams: streamRows.sort(compareInsightsRows),
    agents: others.agents,
    machines: others.machines,
    unit,
    buckets,
    trends,
  };
}
