import { randomUUID } from 'node:crypto';
import type {
  EditResult,
  NewSessionsPlaced,
  InferOptions,
  InferResult,
  InferWindowReport,
  AssignInput,
  UnassignedGroup,
  NewStreamInput,
  Placement,
  RedoResult,
  StreamFindQuery,
  StreamFindResult,
  StreamSummary,
  UndoResult,
  ManualEntry,
  ManualEntryInput,
  ManualEntryUpdate,
} from '../../shared/api';
import { planPlacements, type PlacementPlan } from '../../core/streams/placement-plan';
import {
  overlapsWindow,
  type StreamEvent,
  type StreamSession,
  type TimeWindow,
} from '../../core/streams/stream-model';
import { rangeProblem } from '../../shared/time-range';
import { inferenceEditName, inferRunSummary } from '../../shared/wording';
import { TtError } from '../errors';
import type { ServiceContext } from '../service-context';
import { InferenceInputs, pathOnlyIdentity, type IdentitySource } from './inference-inputs';
import { LlmInference } from './llm-inference';
import { RunStats } from './run-stats';
import { StreamEdits } from './stream-edits';
import { writePlacementPlan } from './placement-writer';
import { StreamRepo } from './stream-repo';
import { findStreams } from './stream-find';
import { streamQuality, type StreamQualityReport } from './stream-quality';
import type { EventRepo } from '../events/event-repo';
import type { SessionRepo } from '../sessions/session-repo';
import { EditJournal } from '../sync/edit-journal';
import { InferenceEdit } from './inference-edit';

/** `tt streams show`: a stream and why each of its sessions is in it. */
export interface StreamShow {
  id: string;
  name: string;
  source: StoredStream['source'];
  confidence: number;
  reviewed: boolean;
  sessions: ReturnType<StreamRepo['sessionsWithReasons']>;
}

/** A stream as stored, before the time allocation adds its totals. */
export type StoredStream = Omit<StreamSummary, 'directMs' | 'delegatedMs' | 'waitingMs'>;

export interface StreamServiceOptions {
  /** Project identity of a directory; defaults to the path heuristic. */
  identity?: IdentitySource;
  /** New stream ids for LLM streams; random UUIDs by default. */
  newId?: () => string;
  /** Waits between retries of a malformed answer. */
  sleep?: (ms: number) => Promise<void>;
}

const DAY_MS = 24 * 3600_000;
const DEFAULT_RANGE_MS = 7 * DAY_MS;

class DryRunRollback extends Error {}

/** What an offline run over a range may change, and how it is logged as an edit. */
interface DirectoryRunOptions {
  /** regroup what Claude inferred too (else it is kept) */
  replaceLlm: boolean;
  edit?: { recorder: InferenceEdit; description: string };
}

/** Inference (by directory, or with Claude) and a person's edits to streams, all undoable. */
export class StreamService {
  private readonly repo: StreamRepo;
  private readonly identity: IdentitySource;
  private readonly llm: LlmInference;
  private readonly edits: StreamEdits;

  constructor(
    private readonly ctx: ServiceContext,
    /** The other families' repositories, for what inference reads of sessions and events. */
    private readonly tables: { sessions: SessionRepo; events: EventRepo },
    options: StreamServiceOptions = {},
  ) {
    this.repo = new StreamRepo(ctx.db, ctx.now);
    this.identity = options.identity ?? pathOnlyIdentity;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.llm = new LlmInference(ctx, this.repo, options.newId ?? randomUUID, sleep);
    this.edits = new StreamEdits(
      ctx,
      this.repo,
      tables.sessions,
      randomUUID,
      new EditJournal(ctx.db, ctx.now, randomUUID),
    );
  }

  // ------------------------------------------------------------------ inference

  async infer(options: InferOptions): Promise<InferResult> {
    const end = options.end ?? this.ctx.now();
    const start = options.start ?? end - DEFAULT_RANGE_MS;
    const problem = rangeProblem(start, end);
    if (problem !== null) throw new TtError('input', problem);
    const inputs = new InferenceInputs(this.tables.sessions, this.tables.events, this.identity);
    const dryRun = options.dryRun ?? false;
    const stats = new RunStats();
    // The run is one edit: undo takes it all back (a dry run changes nothing to take back).
    const recorder = dryRun ? undefined : new InferenceEdit(this.repo);
    const edit = recorder && { recorder, description: inferenceEditName(options.mode, start, end) };
    const replaceLlm = options.mode === 'directory' && (options.replaceLlm ?? false);
    const windows =
      options.mode === 'directory'
        ? await this.inferByDirectory({ start, end }, inputs, dryRun, stats, undefined, { replaceLlm, edit })
        : await this.llm.run({ start, end }, inputs, dryRun, stats, edit);
    const result: InferResult = {
      mode: options.mode,
      dryRun,
      streamsCreated: stats.created.size,
      streamsUpdated: stats.updated((id) => this.repo.getStream(id) !== null),
      streamsRemoved: stats.removed,
      sessionsAssigned: stats.sessionsAssigned,
      eventsAssigned: stats.eventsAssigned,
      windows,
      edit: recorder?.logged ?? null,
    };
    if (options.mode === 'directory') {
      if (replaceLlm) result.replacedLlmStreams = stats.llmStreams;
      else result.keptLlmStreams = stats.llmStreams.length;
    }
    if (options.mode === 'llm') {
      Object.assign(result, {
        redactions: stats.redactions,
        excludedSessions: stats.excludedSessions,
        unscannedEntries: stats.unscannedEntries,
      });
    }
    if (!dryRun) this.ctx.emit({ type: 'changed', topics: ['streams'] });
    const failed = windows.filter((w) => !w.ok).length;
    this.ctx.emit({
      type: 'task-finished',
      task: 'infer',
      ok: failed === 0,
      summary:
        failed === 0
          ? `streams: ${inferRunSummary(result)}`
          : `${failed} of ${windows.length} windows failed`,
    });
    return result;
  }

  /**
   * Offline inference for the sessions no stream covers yet (and the focus events no stream
   * has), quietly: the app and the dashboard run it after every index, so a first index leads
   * straight to streams. What earlier inference (by Claude, say) or a person placed is left
   * alone; focus imported later follows the nearest stream (with `sessions` false, only that:
   * after an import of focus events). Null when no session was placed.
   */
  async inferNewSessions(
    options: { sessions: boolean } = { sessions: true },
  ): Promise<NewSessionsPlaced | null> {
    const unplaced = options.sessions ? this.repo.unplacedSessions() : null;
    // Focus imported after a run (with Claude too) follows the nearest stream the same way.
    const focus = this.repo.unplacedFocusSpan();
    if (unplaced === null && focus === null) return null;
    const range = {
      start: Math.min(unplaced?.start ?? Infinity, focus?.start ?? Infinity),
      end: Math.max(unplaced?.end ?? -Infinity, focus?.end ?? -Infinity) + 1,
    };
    const stats = new RunStats();
    const inputs = new InferenceInputs(this.tables.sessions, this.tables.events, this.identity);
    const [window] = await this.inferByDirectory(range, inputs, false, stats, new Set(unplaced?.ids ?? []));
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    if (unplaced === null) return null;
    return {
      sessions: unplaced.ids.length,
      streams: window?.streamsAssigned ?? 0,
      start: unplaced.start,
      end: unplaced.end,
    };
  }

  /**
   * Directory inference over the whole range: one transaction (rolled back on a dry run).
   * With `only`, just those sessions and the events no stream has yet, without announcing.
   */
  private async inferByDirectory(
    range: TimeWindow,
    inputs: InferenceInputs,
    dryRun: boolean,
    stats: RunStats,
    only?: ReadonlySet<string>,
    run: DirectoryRunOptions = { replaceLlm: false },
  ): Promise<InferWindowReport[]> {
    const sessions = await inputs.sessionsIn(range.start, range.end);
    const allEvents = await inputs.eventsIn(range.start, range.end);
    const nearby = await inputs.sessionsIn(range.start - DAY_MS, range.end + DAY_MS);
    const overlapping = sessions.filter((s) => overlapsWindow(s, range)).map((s) => s.sessionId);
    const placed = this.repo.sessionAssignments(overlapping);
    const placedEvents = this.repo.eventAssignments(allEvents.map((e) => e.id));
    // What Claude decided is kept unless the person asked to regroup it (rule 1 keeps theirs).
    const byClaude = (row: { assigned_by: string } | undefined) => row?.assigned_by === 'llm';
    const claudeSessions = overlapping.filter((id) => byClaude(placed.get(id)));
    stats.llmStreams = this.repo.liveStreamNames(claudeSessions.map((id) => placed.get(id)!.stream_id));
    const open = (id: string) => (only ? only.has(id) : run.replaceLlm || !byClaude(placed.get(id)));
    const ids = new Set(overlapping.filter(open));
    const events = allEvents.filter((e) =>
      only ? !placedEvents.has(e.id) : run.replaceLlm || !byClaude(placedEvents.get(e.id)),
    );
    let streamsAssigned = 0;
    const progress = (done: number) => {
      if (!only) this.ctx.emit({ type: 'progress', task: 'infer', done, total: 1, unit: 'windows' });
    };
    progress(0);
    try {
      this.repo.transaction(() => {
        const plan = this.placeByDirectory(sessions, nearby, ids, events, stats, run.edit?.recorder);
        this.repo.recordProposals('directory', plan.proposals);
        this.repo.refreshDerived();
        run.edit?.recorder.noteRemovable();
        stats.removed += this.repo.removeEmptyStreams();
        if (!dryRun) run.edit?.recorder.finish(run.edit.description);
        const rows = this.repo.sessionAssignments([...ids]).values();
        streamsAssigned = new Set([...rows].map((row) => row.stream_id)).size;
        if (dryRun) throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    progress(1);
    // The sessions of the range, kept ones too (an offline run that keeps all of them still had work to look at).
    const sessionCount = only ? ids.size : overlapping.length;
    return [{ start: range.start, end: range.end, sessionCount, ok: true, streamsAssigned }];
  }

  /**
   * After sync brought other machines' rows and edits: what inference decides here is decided
   * again around them, as every machine decides it, so that all converge. Work still assigned
   * to a merged stream goes to its target; in `range` (padded by a day, so focus events near a
   * moved session follow it), sessions and events that offline inference placed (or nobody
   * placed) are placed again. A person's word, and Claude's placements, are left as they are.
   */
  reconcile(range: TimeWindow | null): Promise<void> {
    this.repo.transaction(() => this.repo.rehomeMerged());
    if (range === null) return Promise.resolve();
    return this.placeAgain({ start: range.start - DAY_MS, end: range.end + DAY_MS });
  }

  private async placeAgain(range: TimeWindow): Promise<void> {
    const inputs = new InferenceInputs(this.tables.sessions, this.tables.events, this.identity);
    const sessions = await inputs.sessionsIn(range.start, range.end);
    const allEvents = await inputs.eventsIn(range.start, range.end);
    const nearby = await inputs.sessionsIn(range.start - DAY_MS, range.end + DAY_MS);
    const stats = new RunStats();
    this.repo.transaction(() => {
      const byInference = (row: { assigned_by: string } | undefined) =>
        row === undefined || row.assigned_by === 'directory';
      const placed = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
      const ids = new Set(
        sessions
          .filter((s) => overlapsWindow(s, range) && byInference(placed.get(s.sessionId)))
          .map((s) => s.sessionId),
      );
      const placedEvents = this.repo.eventAssignments(allEvents.map((e) => e.id));
      const events = allEvents.filter((e) => byInference(placedEvents.get(e.id)));
      this.placeByDirectory(sessions, nearby, ids, events, stats);
      this.repo.rehomeMerged();
      this.repo.refreshDerived();
      this.repo.removeEmptyStreams();
    });
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
  }

  /**
   * Plans directory placements for the sessions of `only` and for `events` from one snapshot of
   * where things are now, and writes the plan (inside the caller's transaction).
   */
  private placeByDirectory(
    sessions: readonly StreamSession[],
    nearby: readonly StreamSession[],
    only: ReadonlySet<string>,
    events: readonly StreamEvent[],
    stats: RunStats,
    edit?: InferenceEdit,
  ): PlacementPlan {
    const snapshot = this.repo.placementSnapshot(
      [...new Set([...sessions, ...nearby].map((s) => s.sessionId))],
      events.map((e) => e.id),
    );
    const plan = planPlacements(
      snapshot,
      { kind: 'directory', sessions, only },
      { events, nearby, by: 'directory' },
    );
    writePlacementPlan(this.repo, plan, stats, edit);
    return plan;
  }

  /** The identity each folder's sessions are keyed by here, for sync to carry with them. */
  async identitiesOf(
    paths: readonly string[],
  ): Promise<Map<string, { projectName: string; workspaceName: string | null; jj: boolean }>> {
    return new InferenceInputs(this.tables.sessions, this.tables.events, this.identity).identitiesOf(paths);
  }

  // ------------------------------------------------------------------ reading

  list(): StoredStream[] {
    return this.repo.listLive().map((row) => ({
      id: row.id,
      name: row.name,
      confidence: row.confidence,
      source: row.source,
      reviewed: row.reviewed === 1,
      sessionIds: row.sessionIds,
      places: row.places,
      firstActivity: row.first_activity,
      lastActivity: row.last_activity,
    }));
  }

  /** Which streams with sessions in a range match a project and/or words (`tt streams find`). */
  find(query: StreamFindQuery): StreamFindResult {
    return findStreams(this.repo, query);
  }

  /** Where a session is, who placed it there and why. */
  placementOf(sessionId: string): Placement | null {
    return this.repo.placementOf(sessionId);
  }

  /** A live stream (by id or unique prefix) with each of its sessions and why it is there. */
  show(idOrPrefix: string): StreamShow {
    const stream = this.edits.requireStream(idOrPrefix);
    return {
      id: stream.id,
      name: stream.name,
      source: stream.source,
      confidence: stream.confidence,
      reviewed: stream.reviewed === 1,
      sessions: this.repo.sessionsWithReasons(stream.id),
    };
  }

  /** How the latest offline and LLM proposals compare with what a person reviewed. */
  quality(): StreamQualityReport {
    return streamQuality(this.repo);
  }

  // ------------------------------------------------------------------ a person's edits

  rename(id: string, name: string): EditResult {
    return this.edits.rename(id, name);
  }

  confirm(id: string): EditResult {
    return this.edits.confirm(id);
  }

  merge(from: string, into: string): EditResult {
    return this.edits.merge(from, into);
  }

  moveSession(sessionId: string, streamId: string): EditResult {
    return this.edits.moveSession(sessionId, streamId);
  }

  undo(): UndoResult {
    return this.edits.undo();
  }

  redo(): RedoResult {
    return this.edits.redo();
  }

  newStream(input: NewStreamInput): EditResult {
    return this.edits.newStream(input);
  }

  unassigned(range: { start: number; end: number }): UnassignedGroup[] {
    return this.repo.unassignedByProject(range.start, range.end);
  }

  assignUnassigned(input: AssignInput): EditResult {
    return this.edits.assignUnassigned(input);
  }

  listManual(range: { start: number; end: number }): ManualEntry[] {
    return this.edits.listManual(range);
  }

  addManual(input: ManualEntryInput): EditResult & { id: string } {
    return this.edits.addManual(input);
  }

  updateManual(input: ManualEntryUpdate): EditResult {
    return this.edits.updateManual(input);
  }

  deleteManual(id: string): EditResult {
    return this.edits.deleteManual(id);
  }

  /** Every project name tt knows (from sessions and streams), sorted. */
  knownProjects(): string[] {
    return this.repo.knownProjects();
  }

  /** What undo() would revert, or null: for the Undo button's label. */
  lastEdit(): string | null {
    return this.repo.lastUndoableEdit()?.description ?? null;
  }

  /** What redo() would apply again, or null: for the Redo button's label. */
  nextRedo(): string | null {
    return this.repo.nextRedo()?.description ?? null;
  }
}
