import type {
  ActivityCalendar,
  Insights,
  InsightsQuery,
  InsightsRow,
  Report,
  ReportQuery,
  SessionReportRow,
  TimelineData,
  TimelineQuery,
  Timesheet,
  TimesheetQuery,
} from '../../shared/api';
import { buildInsights, keyedRows } from '../../core/time/insights';
import { buildTimesheet, projectOf, type TimesheetInput } from '../../core/time/timesheet';
import { calendarBounds, localDate, measureBySlice } from '../../core/time/calendar';
import { union } from '../../core/time/intervals';
import { allocateTime } from '../../core/time/allocate';
import type { Allocation, AllocationInput } from '../../core/time/allocation-types';
import { buildReport, buildTimeline, UNASSIGNED_NAME, type StreamInfo } from '../../core/time/views';
import { regroupBySession } from '../../core/time/regroup-by-session';
import { agentLabel } from '../../shared/session-sources';
import { rangeProblem } from '../../shared/time-range';
import { TtError } from '../errors';
import type { ServiceContext } from '../service-context';
import { MachineRepo } from '../sync/machine-repo';
import { AllocationCache, type Allocated } from './allocation-cache';
import { loadAllocationInput } from './allocation-loader';
import { BY_MACHINE, TimeReadModel } from './time-read-model';
import { loadSessionAgents, loadSessionMarkers, loadStreamInfo } from './period-details';
import { sessionTime, type SessionTime } from '../../core/time/session-time';

export interface StreamTotals {
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
}

const MINUTE_MS = 60_000;

/** The agent key of time added by hand (it has no session), and its row's name. */
const MANUAL_AGENT = 'manual';
const MANUAL_AGENT_NAME = 'added by hand';
/** The key of what a project filter leaves out, when regrouping: never shown. */
const LEFT_OUT = '\u0000left-out';

/** Which projects a view asks for: every one, or those the filter names. */
export type ProjectFilter = (project: string) => boolean;

/** One Insights question and its allocation, as the rows beside the streams' read them. */
interface InsightsView {
  range: { start: number; end: number };
  machine: string | undefined;
  include: ProjectFilter;
  input: AllocationInput;
  allocation: Allocation;
  streams: ReadonlyMap<string, StreamInfo>;
}

/** What a timesheet needs besides the allocation: notes, rates, redaction, the projects asked for. */
export type TimesheetExtras = Omit<TimesheetInput, 'allocation' | 'streams' | 'sessions' | 'query'>;

/**
 * Direct and delegated time. The timeline, the stream list and reports each make exactly one
 * call to `allocate` and only reshape its result, so they cannot disagree. The timeline and the
 * stream list of one range share one allocation: it is kept until the database changes.
 */
export class TimeService {
  private readonly cache: AllocationCache;
  private readonly reads: TimeReadModel;

  constructor(private readonly ctx: ServiceContext) {
    this.reads = new TimeReadModel(ctx.db);
    this.cache = new AllocationCache(this.reads);
  }

  /** A range's allocation; with `machine`, of only what that machine recorded. */
  allocate(range: { start: number; end: number }, machine?: string): Allocation {
    return this.allocated(range, machine).allocation;
  }

  /** A range's allocation and the input it came from, read and allocated once while the database is unchanged. */
  private allocated(range: { start: number; end: number }, machine?: string): Allocated {
    return this.cache.get(this.cacheKey(range, machine), () => {
      const input = this.input(range, machine);
      return { input, allocation: allocateTime(input) };
    });
  }

  /** A range's allocation is the same while its bounds, machine and the settings it depends on are. */
  private cacheKey(range: { start: number; end: number }, machine?: string): string {
    const settings = this.allocationSettings();
    return [
      range.start,
      range.end,
      settings.attentionWindowMs,
      settings.sessionTimeoutMs,
      machine ?? '',
    ].join(':');
  }

  private input(range: { start: number; end: number }, machine?: string): AllocationInput {
    if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end <= range.start) {
      throw new TtError('input', 'the end of a time range must be after its start');
    }
    return loadAllocationInput(this.reads, range, this.allocationSettings(), undefined, { machine });
  }

  private allocationSettings(): { attentionWindowMs: number; sessionTimeoutMs: number } {
    const configured = this.ctx.settings.configured();
    return {
      attentionWindowMs: configured.attentionWindowMinutes * MINUTE_MS,
      sessionTimeoutMs: configured.sessionTimeoutMinutes * MINUTE_MS,
    };
  }

  /** One session's direct, delegated and waiting time in a range: its share of the range's allocation. */
  sessionTime(sessionId: string, range: { start: number; end: number }): SessionTime {
    const { input, allocation } = this.allocated(bounded(range));
    return sessionTime(input, allocation, sessionId);
  }

  timeline(query: TimelineQuery): TimelineData {
    const allocation = this.allocate(bounded({ start: query.start, end: query.end }), query.machine);
    const sessions = loadSessionMarkers(this.reads, allocation);
    return buildTimeline(allocation, loadStreamInfo(this.reads, allocation, sessions), sessions);
  }

  report(query: ReportQuery): Report {
    if (query.by === 'agent') return this.reportByAgent(bounded(query));
    if (query.by === 'machine') return this.reportByMachine(bounded(query));
    const allocation = this.allocate(bounded(query));
    const sessions = loadSessionMarkers(this.reads, allocation);
    return buildReport(allocation, loadStreamInfo(this.reads, allocation, sessions), query.by);
  }

  /** One row per coding agent: the same activity, allocated by agent instead of by stream. */
  private reportByAgent(range: { start: number; end: number }): Report {
    const input = this.input(range);
    const agents = loadSessionAgents(this.reads, input);
    const allocation = allocateTime(regroupBySession(input, (id) => agents.get(id) ?? null, MANUAL_AGENT));
    const names = new Map<string, StreamInfo>();
    names.set(MANUAL_AGENT, {
      name: MANUAL_AGENT_NAME,
      confidence: 1,
      source: 'user',
      reviewed: true,
      project: null,
    });
    for (const agent of new Set(agents.values())) {
      names.set(agent, {
        name: agentLabel(agent),
        confidence: 1,
        source: 'directory',
        reviewed: false,
        project: null,
      });
    }
    return { ...buildReport(allocation, names, 'stream'), by: 'agent' };
  }

  /**
   * Time per machine: the same allocation, with every signal and turn keyed by the machine it
   * was recorded on instead of its stream (attention is on one machine at a time).
   */
  private reportByMachine(range: { start: number; end: number }): Report {
    const allocation = allocateTime(
      loadAllocationInput(this.reads, range, this.allocationSettings(), (id) => id, { key: BY_MACHINE }),
    );
    const names = new MachineRepo(this.ctx.db).list();
    const info = new Map(
      names.map((m) => [
        m.id,
        { name: m.name, confidence: 1, source: 'user' as const, reviewed: true, project: null },
      ]),
    );
    return buildReport(allocation, info, 'machine');
  }

  /** Where a range went (the Insights view): one allocation, narrowed by project and machine. */
  insights(query: InsightsQuery, include: ProjectFilter): Insights {
    const range = bounded({ start: query.start, end: query.end });
    const { input, allocation } = this.allocated(range, query.machine);
    const sessions = loadSessionMarkers(this.reads, allocation);
    const streams = loadStreamInfo(this.reads, allocation, sessions);
    const view: InsightsView = { range, machine: query.machine, include, input, allocation, streams };
    return buildInsights(allocation, streams, include, {
      agents: this.agentRows(view),
      machines: this.machineRows(view),
    });
  }

  /**
   * Time per agent for the view: the activity regrouped by the agent of each session, with what
   * the project filter leaves out kept (so attention is allocated as everywhere) but not shown.
   */
  private agentRows({ input, include, allocation, streams }: InsightsView): InsightsRow[] {
    const agents = loadSessionAgents(this.reads, input);
    const projectOfStream = new Map(allocation.streams.map((s) => [s.streamId, projectOf(s, streams)]));
    const sessionProject = new Map<string, string>();
    for (const stream of allocation.streams) {
      for (const id of stream.sessionIds) sessionProject.set(id, projectOfStream.get(stream.streamId)!);
    }
    const keep = (project: string | undefined) => project === undefined || include(project);
    const regrouped = regroupBySession(input, (id) =>
      keep(sessionProject.get(id)) ? (agents.get(id) ?? null) : LEFT_OUT,
    );
    regrouped.manual = input.manual?.map((entry) => ({
      ...entry,
      streamId: keep(projectOfStream.get(entry.streamId)) ? MANUAL_AGENT : LEFT_OUT,
    }));
    return keyedRows(allocateTime(regrouped), (key) =>
      key === LEFT_OUT
        ? null
        : key === MANUAL_AGENT
          ? MANUAL_AGENT_NAME
          : key === null
            ? 'Unknown'
            : agentLabel(key),
    );
  }

  /**
   * Time per machine for the view. Unfiltered, as \`tt report --by machine\` counts it (attention
   * on one machine at a time); narrowed to projects or a machine, each machine's own allocation
   * (as the timeline filtered by machine shows it), summed over the projects asked for.
   */
  private machineRows({ range, machine, include, allocation, streams }: InsightsView): InsightsRow[] {
    const machines = new MachineRepo(this.ctx.db).list();
    const nameOf = new Map(machines.map((m) => [m.id, m.name]));
    // One machine holds everything: its row is the page's totals (no second allocation).
    const single = machines.length === 1 && (machine === undefined || machine === machines[0]!.id);
    if (!single && machine === undefined && include === EVERY_PROJECT) {
      const byMachine = allocateTime(
        loadAllocationInput(this.reads, range, this.allocationSettings(), (id) => id, { key: BY_MACHINE }),
      );
      return keyedRows(byMachine, (key) => (key === null ? 'Unknown' : (nameOf.get(key) ?? key)));
    }
    const rows: InsightsRow[] = [];
    for (const m of machines) {
      if (machine !== undefined && m.id !== machine) continue;
      const own = single || machine === m.id ? allocation : this.allocate(range, m.id);
      const ownStreams =
        own === allocation ? streams : loadStreamInfo(this.reads, own, loadSessionMarkers(this.reads, own));
      const row: InsightsRow = {
        key: m.id,
        name: m.name,
        directMs: 0,
        delegatedMs: 0,
        waitingMs: 0,
        manualMs: 0,
      };
      for (const stream of own.streams) {
        if (!include(projectOf(stream, ownStreams))) continue;
        row.directMs += stream.directMs;
        row.delegatedMs += stream.delegatedMs;
        row.waitingMs += stream.waitingMs;
        row.manualMs += stream.manualMs;
      }
      if (row.directMs + row.delegatedMs + row.waitingMs > 0) rows.push(row);
    }
    return rows.sort((a, b) => b.directMs - a.directMs || (a.name < b.name ? -1 : 1));
  }

  /** Active and direct time per local day of a range (a year's calendar), narrowed like Insights. */
  activityCalendar(
    query: { start: number; end: number; machine?: string },
    include: ProjectFilter,
  ): ActivityCalendar {
    const range = bounded({ start: query.start, end: query.end });
    const allocation = this.allocate(range, query.machine);
    const sessions = loadSessionMarkers(this.reads, allocation);
    const streams = loadStreamInfo(this.reads, allocation, sessions);
    const included = allocation.streams.filter((s) => include(projectOf(s, streams)));
    const bounds = calendarBounds(range.start, range.end, 'day');
    const active = measureBySlice(union(included.flatMap((s) => [...s.direct, ...s.delegated])), bounds);
    const direct = measureBySlice(union(included.flatMap((s) => s.direct)), bounds);
    return {
      start: range.start,
      end: range.end,
      days: bounds.slice(0, -1).map((at, i) => ({
        date: localDate(at),
        start: at,
        activeMs: active[i]!,
        directMs: direct[i]!,
      })),
    };
  }

  /** A timesheet: the range's one allocation cut into local days. */
  timesheet(query: TimesheetQuery, extras: TimesheetExtras): Timesheet {
    const allocation = this.allocate(bounded({ start: query.start, end: query.end }));
    const sessions = loadSessionMarkers(this.reads, allocation);
    const streams = loadStreamInfo(this.reads, allocation, sessions);
    return buildTimesheet({ allocation, streams, sessions, query, ...extras });
  }

  /**
   * One row per session that worked in the range (subagents with their parent): its share of the
   * range's one allocation (sessionTime), its stream and project as the timeline names them.
   */
  sessionReport(query: { start: number; end: number }): SessionReportRow[] {
    const { input, allocation } = this.allocated(bounded({ start: query.start, end: query.end }));
    const sessions = loadSessionMarkers(this.reads, allocation);
    const streams = loadStreamInfo(this.reads, allocation, sessions);
    const rows: SessionReportRow[] = [];
    for (const stream of allocation.streams) {
      const info = stream.streamId === null ? null : streams.get(stream.streamId);
      for (const id of stream.sessionIds) {
        const session = sessions.get(id);
        if (!session || session.isSubagent) continue;
        rows.push({
          sessionId: id,
          agent: session.agent,
          project: session.projectName,
          branch: session.branch ?? null,
          streamId: stream.streamId,
          stream: info?.name ?? UNASSIGNED_NAME,
          start: session.start,
          end: session.end,
          ...sessionTime(input, allocation, id),
          title: session.label,
        });
      }
    }
    return rows.sort((a, b) => a.start - b.start || (a.sessionId < b.sessionId ? -1 : 1));
  }

  /** Totals per stream id for a range, for the stream list. */
  streamTotals(range: { start: number; end: number }): Map<string, StreamTotals> {
    const totals = new Map<string, StreamTotals>();
    for (const stream of this.allocate(range).streams) {
      if (stream.streamId !== null) {
        const { directMs, delegatedMs, waitingMs } = stream;
        totals.set(stream.streamId, { directMs, delegatedMs, waitingMs });
      }
    }
    return totals;
  }
}

/** The filter that keeps every project (compared by identity: nothing to narrow). */
export const EVERY_PROJECT: ProjectFilter = () => true;

/** A range a person asked for: refused when it is absurd (the stream list's all-time totals are not). */
function bounded<T extends { start: number; end: number }>(range: T): T {
  const problem = rangeProblem(range.start, range.end);
  if (problem !== null) throw new TtError('input', problem);
  return range;
}
