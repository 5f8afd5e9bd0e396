// A timesheet: one row per local day × project (or × stream), cut from the one allocation of
// the whole range, so a project's rows add up to what `tt report --by project` says for it.

import type {
  SessionMarker,
  Timesheet,
  TimesheetProjectTotal,
  TimesheetQuery,
  TimesheetRow,
} from '../../shared/api';
import type { Allocation, StreamAllocation } from './allocation-types';
import { calendarBounds, localDate, measureBySlice } from './calendar';
import { union, type Interval } from './intervals';
import { NO_PROJECT_NAME, UNASSIGNED_NAME, type StreamInfo } from './views';

const HOUR_MS = 3_600_000;
const CENTIHOUR_MS = HOUR_MS / 100;
/** A description is a line of text, not the day's transcript. */
const DESCRIPTION_CHARS = 400;

export interface TimesheetInput {
  allocation: Allocation;
  streams: ReadonlyMap<string, StreamInfo>;
  sessions: ReadonlyMap<string, SessionMarker>;
  /** notes of the entries added by hand, by stream */
  manualNotes: readonly { streamId: string | null; start: number; end: number; note: string }[];
  query: Pick<TimesheetQuery, 'by' | 'measure' | 'roundMinutes'>;
  /** whether a project is asked for (`--project` globs) */
  includeProject: (project: string) => boolean;
  rates: Readonly<Record<string, number>>;
  /** the privacy scanner the LLM prompt goes through: the cleaned text and how many secrets it held */
  redact: (text: string) => { text: string; count: number };
}

/** A stream's project, as `tt report --by project` names it. */
export function projectOf(stream: StreamAllocation, streams: ReadonlyMap<string, StreamInfo>): string {
  if (stream.streamId === null) return UNASSIGNED_NAME;
  return streams.get(stream.streamId)?.project ?? NO_PROJECT_NAME;
}

function streamName(stream: StreamAllocation, streams: ReadonlyMap<string, StreamInfo>): string {
  if (stream.streamId === null) return UNASSIGNED_NAME;
  return streams.get(stream.streamId)?.name ?? stream.streamId;
}

interface Group {
  project: string;
  stream?: string;
  streamId?: string | null;
  members: StreamAllocation[];
}

/** The intervals a group's measure counts, per stream (delegated adds up across streams, as in the report). */
function measured(group: Group, measure: TimesheetQuery['measure']): Interval[][] {
  if (measure === 'direct') return group.members.map((s) => s.direct);
  if (measure === 'delegated') return group.members.map((s) => s.delegated);
  return [union(group.members.flatMap((s) => [...s.direct, ...s.delegated]))];
}

export function buildTimesheet(input: TimesheetInput): Timesheet {
  const { allocation, streams, query } = input;
  const { start, end } = allocation.period;
  const bounds = calendarBounds(start, end, 'day');

  const groups = new Map<string, Group>();
  for (const stream of allocation.streams) {
    const project = projectOf(stream, streams);
    if (!input.includeProject(project)) continue;
    const key = query.by === 'stream' ? `${project}\u0000${stream.streamId ?? ''}` : project;
    let group = groups.get(key);
    if (!group) {
      group = { project, members: [] };
      if (query.by === 'stream')
        Object.assign(group, { stream: streamName(stream, streams), streamId: stream.streamId });
      groups.set(key, group);
    }
    group.members.push(stream);
  }

  let redacted = 0;
  const rows: TimesheetRow[] = [];
  for (const group of [...groups.values()].sort(
    (a, b) => compare(a.project, b.project) || compare(a.stream ?? '', b.stream ?? ''),
  )) {
    const perDay = new Array<number>(bounds.length - 1).fill(0);
    for (const intervals of measured(group, query.measure)) {
      measureBySlice(intervals, bounds).forEach((ms, i) => (perDay[i] = perDay[i]! + ms));
    }
    const rate = input.rates[group.project] ?? null;
    // Hours to two decimals, rounded on the running total: the rows add up to the group's total.
    let cumulativeMs = 0;
    let billedCentihours = 0;
    perDay.forEach((ms, i) => {
      if (ms <= 0) return;
      cumulativeMs += ms;
      let centihours: number;
      if (query.roundMinutes) {
        const step = query.roundMinutes * 60_000;
        centihours = Math.round((Math.ceil(ms / step) * step) / CENTIHOUR_MS);
      } else {
        centihours = Math.round(cumulativeMs / CENTIHOUR_MS) - billedCentihours;
      }
      billedCentihours += centihours;
      const dayStart = bounds[i]!;
      const dayEnd = bounds[i + 1]!;
      const description = input.redact(describe(group, dayStart, dayEnd, input));
      redacted += description.count;
      const hours = centihours / 100;
      rows.push({
        date: localDate(dayStart),
        project: group.project,
        ...(query.by === 'stream' ? { stream: group.stream!, streamId: group.streamId ?? null } : {}),
        ms,
        hours,
        description: description.text,
        rate,
        amount: rate === null ? null : money(hours * rate),
      });
    });
  }
  rows.sort(
    (a, b) =>
      compare(a.date, b.date) || compare(a.project, b.project) || compare(a.stream ?? '', b.stream ?? ''),
  );

  const projects = new Map<string, TimesheetProjectTotal>();
  for (const row of rows) {
    const total = projects.get(row.project) ?? {
      project: row.project,
      ms: 0,
      hours: 0,
      rate: row.rate,
      amount: row.rate === null ? null : 0,
    };
    total.ms += row.ms;
    total.hours = Math.round((total.hours + row.hours) * 100) / 100;
    if (total.amount !== null && row.amount !== null) total.amount = money(total.amount + row.amount);
    projects.set(row.project, total);
  }
  const projectTotals = [...projects.values()].sort((a, b) => b.ms - a.ms || compare(a.project, b.project));
  const anyRate = projectTotals.some((p) => p.amount !== null);
  return {
    start,
    end,
    by: query.by,
    measure: query.measure,
    roundMinutes: query.roundMinutes ?? null,
    rows,
    projects: projectTotals,
    total: {
      ms: projectTotals.reduce((n, p) => n + p.ms, 0),
      hours: Math.round(projectTotals.reduce((n, p) => n + p.hours * 100, 0)) / 100,
      amount: anyRate ? money(projectTotals.reduce((n, p) => n + (p.amount ?? 0), 0)) : null,
    },
    redacted,
  };
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What was done in a group on a day: each stream's name (by project), then the titles of its
 * sessions that ran that day and the notes of time added by hand, without repeats.
 */
function describe(group: Group, dayStart: number, dayEnd: number, input: TimesheetInput): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (text: string | null | undefined) => {
    const line = text?.replace(/\s+/g, ' ').trim();
    if (!line || seen.has(line.toLowerCase())) return;
    seen.add(line.toLowerCase());
    parts.push(line);
  };
  for (const stream of group.members) {
    if (!touches(stream, dayStart, dayEnd)) continue;
    if (input.query.by === 'project' && stream.streamId !== null) add(streamName(stream, input.streams));
    for (const note of input.manualNotes) {
      if (note.streamId === stream.streamId && note.start < dayEnd && note.end > dayStart) add(note.note);
    }
    for (const id of stream.sessionIds) {
      const session = input.sessions.get(id);
      if (!session || session.isSubagent) continue;
      if (session.start < dayEnd && (session.end ?? session.start) >= dayStart) add(session.label);
    }
  }
  const text = parts.join('; ');
  return text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS - 1)}…` : text;
}

function touches(stream: StreamAllocation, start: number, end: number): boolean {
  const hit = (list: readonly Interval[]) => list.some(([a, b]) => a < end && b > start);
  return hit(stream.direct) || hit(stream.delegated);
}
