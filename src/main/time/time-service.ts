import type { Report, ReportQuery, TimelineData, TimelineQuery } from '../../shared/api';
import { allocateTime } from '../../core/time/allocate';
import type { Allocation, AllocationInput } from '../../core/time/allocation-types';
import { buildReport, buildTimeline, type StreamInfo } from '../../core/time/views';
import { regroupBySession } from '../../core/time/regroup-by-session';
import { agentLabel } from '../../shared/session-sources';
import { rangeProblem } from '../../shared/time-range';
import { TtError } from '../errors';
import type { ServiceContext } from '../service-context';
import { MachineRepo } from '../sync/machine-repo';
import { AllocationCache } from './allocation-cache';
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
    return this.cache.get(this.cacheKey(range, machine), () => allocateTime(this.input(range, machine)));
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
    const bounds = bounded(range);
    // The input is needed here anyway: a cache miss allocates from it instead of loading it again.
    const input = this.input(bounds);
    return sessionTime(
      input,
      this.cache.get(this.cacheKey(bounds), () => allocateTime(input)),
      sessionId,
    );
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
    const allocation = allocateTime(regroupBySession(input, (id) => agents.get(id) ?? null));
    const names = new Map<string, StreamInfo>();
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

/** A range a person asked for: refused when it is absurd (the stream list's all-time totals are not). */
function bounded<T extends { start: number; end: number }>(range: T): T {
  const problem = rangeProblem(range.start, range.end);
  if (problem !== null) throw new TtError('input', problem);
  return range;
}
