// The views of one allocation: the timeline's lanes and the report's rows. Both are built
// from the same Allocation object, so the timeline, the stream list and reports agree.

import type {
  ReportQuery,
  Report,
  ReportRow,
  SessionMarker,
  StreamSource,
  TimelineData,
  TimelineLane,
} from '../../shared/api';
import type { Allocation, StreamKey } from './allocation-types';

/** What the store knows about a stream, for display. */
export interface StreamInfo {
  name: string;
  confidence: number;
  source: StreamSource;
  reviewed: boolean;
  /** The project the stream belongs to, for `--by project`; null when unknown. */
  project: string | null;
}

export const UNASSIGNED_NAME = 'Unassigned';
/** The report key of activity with no stream (and of the "no project" group). */
export const UNASSIGNED_KEY = '';
export const NO_PROJECT_NAME = '(no project)';

/** A stream id that the store no longer knows (deleted mid-way): still reported, never dropped. */
function describe(streamId: StreamKey, streams: ReadonlyMap<string, StreamInfo>): StreamInfo | null {
  if (streamId === null) return null;
  return (
    streams.get(streamId) ?? {
      name: streamId,
      confidence: 0,
      source: 'directory',
      reviewed: false,
      project: null,
    }
  );
}

/**
 * "Unassigned · spotter": unassigned work names its projects, so a person sees whose work it
 * is before any inference (three at most, then how many more).
 */
export function unassignedName(sessions: readonly SessionMarker[]): string {
  const projects = [...new Set(sessions.flatMap((s) => (s.projectName ? [s.projectName] : [])))].sort();
  if (projects.length === 0) return UNASSIGNED_NAME;
  const shown = projects.slice(0, 3).join(', ');
  const more = projects.length > 3 ? ` +${projects.length - 3}` : '';
  return `${UNASSIGNED_NAME} · ${shown}${more}`;
}

export function buildTimeline(
  allocation: Allocation,
  streams: ReadonlyMap<string, StreamInfo>,
  sessions: ReadonlyMap<string, SessionMarker>,
): TimelineData {
  const lanes: TimelineLane[] = allocation.streams.map((stream) => {
    const info = describe(stream.streamId, streams);
    const markers = stream.sessionIds.flatMap((id) => {
      const marker = sessions.get(id);
      return marker ? [marker] : [];
    });
    return {
      streamId: stream.streamId,
      name: info?.name ?? unassignedName(markers),
      confidence: info?.confidence ?? 0,
      source: info?.source ?? null,
      reviewed: info?.reviewed ?? false,
      directMs: stream.directMs,
      delegatedMs: stream.delegatedMs,
      waitingMs: stream.waitingMs,
      direct: stream.direct.map(([a, b]) => [a, b]),
      delegated: stream.delegated.map(([a, b]) => [a, b]),
      waiting: stream.waiting.map(([a, b]) => [a, b]),
      manual: stream.manual.map(([a, b]) => [a, b]),
      sessions: markers,
    };
  });
  const { directMs, delegatedMs, waitingMs, activeMs } = allocation.totals;
  return {
    start: allocation.period.start,
    end: allocation.period.end,
    lanes,
    totals: { directMs, delegatedMs, waitingMs, activeMs },
  };
}

interface RowTimes {
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
}

function row(
  key: string,
  name: string,
  { directMs, delegatedMs, waitingMs }: RowTimes,
  sessions: number,
  totalDirectMs: number,
): ReportRow {
  return {
    key,
    name,
    directMs,
    delegatedMs,
    waitingMs,
    delegationRatio: directMs > 0 ? delegatedMs / directMs : null,
    sessions,
    attentionShare: totalDirectMs > 0 ? directMs / totalDirectMs : 0,
  };
}

export function buildReport(
  allocation: Allocation,
  streams: ReadonlyMap<string, StreamInfo>,
  by: ReportQuery['by'],
): Report {
  const totalDirect = allocation.totals.directMs;
  // Rows are keyed by stream id, or by project name when rolling up; unassigned stays apart.
  const groups = new Map<string, RowTimes & { name: string; sessions: number; project?: string | null }>();
  for (const stream of allocation.streams) {
    const info = describe(stream.streamId, streams);
    let key: string;
    let name: string;
    if (!info) [key, name] = [UNASSIGNED_KEY, UNASSIGNED_NAME];
    else if (by !== 'project') [key, name] = [stream.streamId!, info.name];
    else [key, name] = [info.project ?? NO_PROJECT_NAME, info.project ?? NO_PROJECT_NAME];
    const group = groups.get(key) ?? {
      name,
      directMs: 0,
      delegatedMs: 0,
      waitingMs: 0,
      sessions: 0,
      ...(by === 'stream' ? { project: info?.project ?? null } : {}),
    };
    group.directMs += stream.directMs;
    group.delegatedMs += stream.delegatedMs;
    group.waitingMs += stream.waitingMs;
    group.sessions += stream.sessionCount;
    groups.set(key, group);
  }
  const rows = [...groups].map(([key, g]) => ({
    ...row(key, g.name, g, g.sessions, totalDirect),
    ...(g.project !== undefined ? { project: g.project } : {}),
  }));
  rows.sort(
    (a, b) =>
      b.directMs - a.directMs ||
      b.delegatedMs - a.delegatedMs ||
      Number(a.key === UNASSIGNED_KEY) - Number(b.key === UNASSIGNED_KEY) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const { sessionCount } = allocation.totals;
  return {
    start: allocation.period.start,
    end: allocation.period.end,
    by,
    rows,
    total: row('total', 'Total', allocation.totals, sessionCount, totalDirect),
  };
}
