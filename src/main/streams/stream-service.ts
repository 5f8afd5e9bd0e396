import { randomUUID } from 'node:crypto';
import type {
  EditResult,
  InferOptions,
  InferResult,
  InferWindowReport,
  StreamSummary,
  UndoResult,
} from '../../shared/api';
import { streamNameSchema } from '../../shared/api-schemas';
import { inferByDirectory, rootSessionOf } from '../../core/streams/directory-inference';
import { assignFocusEvents } from '../../core/streams/focus-assignment';
import { resolveStreamIds, validateStreamsAnswer, type ValidatedStream } from '../../core/streams/llm-answer';
import { buildWindowPrompt, estimateTokens } from '../../core/streams/llm-prompt';
import {
  overlapsWindow,
  type KnownStream,
  type StreamEvent,
  type StreamSession,
  type TimeWindow,
} from '../../core/streams/stream-model';
import { planWindow } from '../../core/streams/window-plan';
import { cutWindows, previousWindowSpan } from '../../core/streams/windows';
import { describeError, TtError } from '../errors';
import type { ServiceContext } from '../service-context';
import {
  AnthropicRequestError,
  createAnthropicRequester,
  MalformedAnswerError,
  type StreamsRequester,
} from './anthropic-client';
import { InferenceInputs, pathOnlyIdentity, type IdentitySource } from './inference-inputs';
import { StreamRepo, type AssignedBy, type StreamRow } from './stream-repo';

/** A stream as stored, before the time allocation adds its totals. */
export type StoredStream = Omit<StreamSummary, 'directMs' | 'delegatedMs'>;

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
/** How many times a malformed answer is asked again (on top of the first try). */
const DEFAULT_MALFORMED_RETRIES = 2;
const DEFAULT_RETRY_BASE_MS = 1_000;
/** The SDK's own retries of 429, 5xx and timeouts. */
const DEFAULT_SDK_RETRIES = 2;

const NO_KEY_MESSAGE =
  "no Anthropic API key: set ANTHROPIC_API_KEY in the environment (or enter a key in the app's Settings)";

class DryRunRollback extends Error {}

/** What one inference run changed, for InferResult. */
class RunStats {
  readonly created = new Set<string>();
  readonly touched = new Set<string>();
  sessionsAssigned = 0;
  eventsAssigned = 0;
  removed = 0;

  noteStream(id: string, outcome: 'created' | 'renamed' | 'unchanged'): void {
    if (outcome === 'created') this.created.add(id);
    if (outcome === 'renamed') this.touched.add(id);
  }

  noteMove(from: string | undefined, to: string): void {
    if (from !== undefined) this.touched.add(from);
    this.touched.add(to);
  }

  updated(existing: (id: string) => boolean): number {
    return [...this.touched].filter((id) => !this.created.has(id) && existing(id)).length;
  }
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return env[name] !== undefined && Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** Inference (by directory, or with Claude) and a person's edits to streams, all undoable. */
export class StreamService {
  private readonly repo: StreamRepo;
  private readonly identity: IdentitySource;
  private readonly newId: () => string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly ctx: ServiceContext,
    options: StreamServiceOptions = {},
  ) {
    this.repo = new StreamRepo(ctx.db, ctx.now);
    this.identity = options.identity ?? pathOnlyIdentity;
    this.newId = options.newId ?? randomUUID;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  // ------------------------------------------------------------------ inference

  async infer(options: InferOptions): Promise<InferResult> {
    const end = options.end ?? this.ctx.now();
    const start = options.start ?? end - DEFAULT_RANGE_MS;
    if (!(end > start)) {
      throw new TtError('input', 'the end of the range must be after its start', 'check --start and --end');
    }
    const inputs = new InferenceInputs(this.ctx.db, this.identity);
    const dryRun = options.dryRun ?? false;
    const stats = new RunStats();
    const windows =
      options.mode === 'directory'
        ? await this.inferByDirectory({ start, end }, inputs, dryRun, stats)
        : await this.inferWithClaude({ start, end }, inputs, dryRun, stats);
    const result: InferResult = {
      mode: options.mode,
      dryRun,
      streamsCreated: stats.created.size,
      streamsUpdated: stats.updated((id) => this.repo.getStream(id) !== null),
      streamsRemoved: stats.removed,
      sessionsAssigned: stats.sessionsAssigned,
      eventsAssigned: stats.eventsAssigned,
      windows,
    };
    if (!dryRun) this.ctx.emit({ type: 'changed', topics: ['streams'] });
    const failed = windows.filter((w) => !w.ok).length;
    this.ctx.emit({
      type: 'task-finished',
      task: 'infer',
      ok: failed === 0,
      summary:
        failed === 0
          ? `${result.streamsCreated} streams created, ${result.streamsUpdated} updated`
          : `${failed} of ${windows.length} windows failed`,
    });
    return result;
  }

  private async inferByDirectory(
    range: TimeWindow,
    inputs: InferenceInputs,
    dryRun: boolean,
    stats: RunStats,
  ): Promise<InferWindowReport[]> {
    const sessions = await inputs.sessionsIn(range.start, range.end);
    const events = await inputs.eventsIn(range.start, range.end);
    const nearby = await inputs.sessionsIn(range.start - DAY_MS, range.end + DAY_MS);
    const ids = new Set(sessions.filter((s) => overlapsWindow(s, range)).map((s) => s.sessionId));
    let streamsAssigned = 0;
    const write = (): void => {
      this.placeInDirectoryStreams(sessions, ids, stats);
      this.placeEvents(events, nearby, 'directory', stats);
      this.repo.refreshDerived();
      stats.removed += this.repo.removeEmptyStreams();
      const rows = this.repo.sessionAssignments([...ids]).values();
      streamsAssigned = new Set([...rows].map((row) => row.stream_id)).size;
    };
    this.ctx.emit({ type: 'progress', task: 'infer', done: 0, total: 1, unit: 'windows' });
    this.runWrite(write, dryRun);
    this.ctx.emit({ type: 'progress', task: 'infer', done: 1, total: 1, unit: 'windows' });
    return [{ start: range.start, end: range.end, sessionCount: ids.size, ok: true, streamsAssigned }];
  }

  /** Runs `write` in one transaction; a dry run rolls it back after computing what it would do. */
  private runWrite(write: () => void, dryRun: boolean): void {
    try {
      this.repo.transaction(() => {
        write();
        if (dryRun) throw new DryRunRollback();
      });
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
  }

  /**
   * Puts the sessions in `only` into their directory streams, except those a person placed.
   * A subagent goes where its parent is; a stream that was merged away sends its sessions to
   * the stream it was merged into.
   */
  private placeInDirectoryStreams(
    sessions: readonly StreamSession[],
    only: ReadonlySet<string>,
    stats: RunStats,
  ): void {
    const current = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const { streamOf, streams } = inferByDirectory(sessions);
    for (const session of sessions) {
      const id = session.sessionId;
      if (!only.has(id) || current.get(id)?.assigned_by === 'user') continue;
      const root = rootSessionOf(id, parentOf);
      const rootRow = root !== id ? current.get(root) : undefined;
      let target: string;
      if (rootRow?.assigned_by === 'user') {
        target = rootRow.stream_id;
      } else {
        const stream = streams.get(streamOf.get(id)!)!;
        target = this.repo.liveStreamId(stream.id);
        if (target === stream.id) {
          stats.noteStream(target, this.repo.upsertStream({ ...stream, source: 'directory' }));
        }
      }
      if (this.repo.assignSession(id, target, 'directory', 1.0)) {
        stats.noteMove(current.get(id)?.stream_id, target);
      }
      stats.sessionsAssigned += 1;
    }
  }

  /** Focus events follow the nearest session of their project, else its directory stream. */
  private placeEvents(
    events: readonly StreamEvent[],
    nearby: readonly StreamSession[],
    by: AssignedBy,
    stats: RunStats,
  ): void {
    if (events.length === 0) return;
    const current = this.repo.sessionAssignments(nearby.map((s) => s.sessionId));
    const assignable = nearby.flatMap((s) => {
      const row = current.get(s.sessionId);
      return row
        ? [
            {
              sessionId: s.sessionId,
              identity: s.identity,
              start: s.start,
              end: s.end,
              streamId: row.stream_id,
            },
          ]
        : [];
    });
    const { streamOf, directoryStreams } = assignFocusEvents(events, assignable);
    const pinned = this.repo.eventAssignments(events.map((e) => e.id));
    for (const [eventId, streamId] of streamOf) {
      const existing = pinned.get(eventId);
      if (existing?.assigned_by === 'user') continue;
      let target = this.repo.liveStreamId(streamId);
      const directory = directoryStreams.get(streamId);
      if (directory && target === streamId) {
        stats.noteStream(target, this.repo.upsertStream({ ...directory, source: 'directory' }));
      }
      target = this.repo.liveStreamId(target);
      if (this.repo.assignEvent(eventId, target, by)) stats.noteMove(existing?.stream_id, target);
      stats.eventsAssigned += 1;
    }
  }

  private async inferWithClaude(
    range: TimeWindow,
    inputs: InferenceInputs,
    dryRun: boolean,
    stats: RunStats,
  ): Promise<InferWindowReport[]> {
    const windows = cutWindows(range.start, range.end);
    let requester: StreamsRequester | null = null;
    let setupError: string | null = null;
    if (!dryRun) {
      const apiKey = this.ctx.settings.apiKey();
      if (!apiKey) setupError = NO_KEY_MESSAGE;
      else requester = await this.createRequester(apiKey);
    }
    const decidedSessions = new Set<string>();
    const decidedEvents = new Set<string>();
    const reports: InferWindowReport[] = [];
    for (const [index, window] of windows.entries()) {
      this.ctx.emit({ type: 'progress', task: 'infer', done: index, total: windows.length, unit: 'windows' });
      const sessions = await inputs.sessionsIn(window.start, window.end);
      const inWindow = sessions.filter((s) => overlapsWindow(s, window));
      const events = (await inputs.eventsIn(window.start, window.end)).filter(
        (e) => !decidedEvents.has(e.id),
      );
      const report: InferWindowReport = {
        start: window.start,
        end: window.end,
        sessionCount: inWindow.length,
        ok: true,
      };
      reports.push(report);
      // Sessions near the window, for the focus events to follow (loaded before any write).
      const nearby = dryRun ? [] : await inputs.sessionsIn(window.start - DAY_MS, window.end + DAY_MS);
      const placeEvents = (): void => {
        this.placeEvents(events, nearby, 'llm', stats);
        for (const event of events) decidedEvents.add(event.id);
      };
      if (inWindow.length === 0) {
        // Nothing to ask about; focus alone goes to its project's directory stream.
        if (!dryRun) this.repo.transaction(placeEvents);
        continue;
      }
      const previousStreams = this.previousStreams(window);
      const prompt = buildWindowPrompt({ window, sessions: inWindow, focus: events, previousStreams });
      if (dryRun) {
        Object.assign(report, {
          prompt,
          promptChars: prompt.length,
          estimatedTokens: estimateTokens(prompt),
        });
        continue;
      }
      if (requester === null) {
        Object.assign(report, { ok: false, error: setupError ?? NO_KEY_MESSAGE });
        continue;
      }
      let answer: ValidatedStream[];
      try {
        answer = await this.askForStreams(requester, prompt, {
          sessionIds: new Set(inWindow.map((s) => s.sessionId)),
          parentOf: new Map(inWindow.map((s) => [s.sessionId, s.parentSessionId])),
          previousStreams,
        });
      } catch (error) {
        Object.assign(report, { ok: false, error: describeError(error) });
        continue;
      }
      // One transaction per window: its sessions and its focus events, or nothing.
      report.streamsAssigned = this.repo.transaction(() => {
        const streamsAssigned = this.writeWindow(sessions, inWindow, answer, decidedSessions, stats);
        placeEvents();
        return streamsAssigned;
      });
    }
    this.ctx.emit({
      type: 'progress',
      task: 'infer',
      done: windows.length,
      total: windows.length,
      unit: 'windows',
    });
    if (!dryRun) {
      this.repo.transaction(() => {
        this.repo.refreshDerived();
        stats.removed += this.repo.removeEmptyStreams();
      });
    }
    return reports;
  }

  private async createRequester(apiKey: string): Promise<StreamsRequester> {
    const settings = this.ctx.settings.get();
    const env = this.ctx.env;
    return createAnthropicRequester({
      apiKey,
      baseURL: env.ANTHROPIC_BASE_URL || null,
      model: settings.model,
      maxTokens: settings.maxTokens,
      timeoutMs: intEnv(env, 'TT_LLM_TIMEOUT_MS', settings.requestTimeoutMs),
      maxRetries: intEnv(env, 'TT_LLM_MAX_RETRIES', DEFAULT_SDK_RETRIES),
    });
  }

  /** Asks for one window's streams; a malformed answer is asked again, with backoff, a few times. */
  private async askForStreams(
    requester: StreamsRequester,
    prompt: string,
    context: Parameters<typeof validateStreamsAnswer>[1],
  ): Promise<ValidatedStream[]> {
    const retries = intEnv(this.ctx.env, 'TT_LLM_MALFORMED_RETRIES', DEFAULT_MALFORMED_RETRIES);
    const baseMs = intEnv(this.ctx.env, 'TT_LLM_RETRY_BASE_MS', DEFAULT_RETRY_BASE_MS);
    let problem = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await this.sleep(baseMs * 2 ** (attempt - 1));
      try {
        const check = validateStreamsAnswer(await requester.request(prompt), context);
        if (check.ok) return check.streams;
        problem = check.problem;
      } catch (error) {
        if (error instanceof AnthropicRequestError) throw error;
        if (!(error instanceof MalformedAnswerError)) throw error;
        problem = error.message;
      }
    }
    throw new Error(`Claude's answer could not be used after ${retries + 1} tries: ${problem}`);
  }

  /** The streams that sessions of the previous window are in now (for window 1: before this run). */
  private previousStreams(window: TimeWindow): KnownStream[] {
    const span = previousWindowSpan(window);
    const rows = this.ctx.db
      .prepare(
        `SELECT DISTINCT ss.stream_id AS id FROM sessions s JOIN session_streams ss USING (session_id)
         WHERE s.start_time < ? AND COALESCE(s.end_time, s.start_time) >= ?`,
      )
      .all(span.end, span.start) as { id: string }[];
    const streams = new Map<string, KnownStream>();
    for (const { id } of rows) {
      const live = this.repo.getStream(this.repo.liveStreamId(id));
      if (live) streams.set(live.id, { id: live.id, name: live.name });
    }
    return [...streams.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Writes one window's validated answer; returns how many streams its sessions went to. */
  private writeWindow(
    sessions: readonly StreamSession[],
    inWindow: readonly StreamSession[],
    answer: readonly ValidatedStream[],
    decidedSessions: Set<string>,
    stats: RunStats,
  ): number {
    const current = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    const pinned = new Set([...current].filter(([, row]) => row.assigned_by === 'user').map(([id]) => id));
    const currentStreamOf = new Map(
      [...current].map(([id, row]) => [id, this.repo.liveStreamId(row.stream_id)]),
    );
    // Claims that cannot be written (a person placed the session, or an earlier window of this
    // run decided it) do not count when matching a group to an existing stream.
    const writable = answer.map((stream) => ({
      ...stream,
      sessionIds: stream.sessionIds.filter((id) => !pinned.has(id) && !decidedSessions.has(id)),
    }));
    const resolved = resolveStreamIds(
      writable.filter((stream) => stream.sessionIds.length > 0),
      currentStreamOf,
      this.newId,
    );
    const plan = planWindow({
      windowSessionIds: inWindow.map((s) => s.sessionId),
      streams: resolved,
      pinned,
      decidedEarlier: decidedSessions,
    });
    const liveIds = new Map<string, string>();
    for (const stream of resolved) {
      if (!stream.sessionIds.some((id) => plan.claims.get(id)?.streamId === stream.id)) continue;
      const live = this.repo.liveStreamId(stream.id);
      liveIds.set(stream.id, live);
      stats.noteStream(
        live,
        this.repo.upsertStream({ id: live, name: stream.name, source: 'llm', projectKey: null }),
      );
    }
    for (const [sessionId, claim] of plan.claims) {
      const target = liveIds.get(claim.streamId)!;
      if (this.repo.assignSession(sessionId, target, 'llm', claim.confidence)) {
        stats.noteMove(current.get(sessionId)?.stream_id, target);
      }
      stats.sessionsAssigned += 1;
      decidedSessions.add(sessionId);
    }
    // Left-out sessions go to their directory stream, but subagents follow their parent; one
    // whose parent has no stream at all falls back to the directory stream too.
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const leftOutMain = plan.leftOut.filter((id) => rootSessionOf(id, parentOf) === id);
    this.placeInDirectoryStreams(sessions, new Set(leftOutMain), stats);
    this.followParents(sessions, inWindow, stats);
    const stillOpen = plan.leftOut.filter((id) => !this.repo.sessionAssignments([id]).has(id));
    this.placeInDirectoryStreams(sessions, new Set(stillOpen), stats);
    const assigned = this.repo.sessionAssignments(inWindow.map((s) => s.sessionId));
    return new Set([...assigned.values()].map((row) => row.stream_id)).size;
  }

  /** Subagents of the window go where their parent is now, unless a person placed them. */
  private followParents(
    sessions: readonly StreamSession[],
    inWindow: readonly StreamSession[],
    stats: RunStats,
  ): void {
    const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
    const current = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    for (const session of inWindow) {
      const root = rootSessionOf(session.sessionId, parentOf);
      const own = current.get(session.sessionId);
      const parent = current.get(root);
      if (root === session.sessionId || !parent || own?.assigned_by === 'user') continue;
      if (
        this.repo.assignSession(session.sessionId, parent.stream_id, parent.assigned_by, parent.confidence)
      ) {
        stats.noteMove(own?.stream_id, parent.stream_id);
      }
    }
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
      firstActivity: row.first_activity,
      lastActivity: row.last_activity,
    }));
  }

  // ------------------------------------------------------------------ a person's edits

  /** A live stream by id or unique id prefix, or a not-found error that says which. */
  private requireStream(idOrPrefix: string): StreamRow {
    const exact = this.repo.getStream(idOrPrefix);
    if (exact && exact.merged_into === null) return exact;
    if (exact) {
      const live = this.repo.getStream(this.repo.liveStreamId(exact.id))!;
      throw new TtError('not-found', `stream ${idOrPrefix} was merged into "${live.name}" (${live.id})`);
    }
    const matches = idOrPrefix.length >= 4 ? this.repo.findByPrefix(idOrPrefix) : [];
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new TtError(
        'input',
        `the id prefix ${idOrPrefix} matches several streams`,
        'give more of the id',
      );
    }
    throw new TtError('not-found', `no stream with id ${idOrPrefix}`, 'run `tt streams list` to see the ids');
  }

  private edit(
    description: string,
    snapshotIds: Parameters<StreamRepo['snapshot']>[0],
    apply: () => void,
  ): EditResult {
    this.repo.transaction(() => {
      this.repo.logEdit(description, this.repo.snapshot(snapshotIds));
      apply();
      this.repo.refreshDerived();
    });
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { description, canUndo: true };
  }

  rename(id: string, name: string): EditResult {
    const parsed = streamNameSchema.safeParse(name);
    if (!parsed.success) throw new TtError('input', parsed.error.issues[0]?.message ?? 'invalid name');
    const stream = this.requireStream(id);
    return this.edit(`Renamed "${stream.name}" to "${parsed.data}"`, { streams: [stream.id] }, () =>
      this.repo.updateStream(stream.id, { name: parsed.data, name_locked: 1, source: 'user' }),
    );
  }

  confirm(id: string): EditResult {
    const stream = this.requireStream(id);
    const sessions = this.repo.sessionIdsOf(stream.id);
    return this.edit(`Confirmed "${stream.name}"`, { streams: [stream.id], sessions }, () => {
      this.repo.updateStream(stream.id, { reviewed: 1 });
      this.repo.pinSessionsOf(stream.id);
    });
  }

  merge(from: string, into: string): EditResult {
    const source = this.requireStream(from);
    const target = this.requireStream(into);
    if (source.id === target.id) throw new TtError('input', 'cannot merge a stream into itself');
    const snapshot = {
      streams: [source.id, target.id],
      sessions: this.repo.sessionIdsOf(source.id),
      events: this.repo.eventIdsOf(source.id),
    };
    return this.edit(`Merged "${source.name}" into "${target.name}"`, snapshot, () => {
      this.repo.moveAll(source.id, target.id);
      this.repo.updateStream(source.id, { merged_into: target.id });
    });
  }

  moveSession(sessionId: string, streamId: string): EditResult {
    if (!this.repo.sessionExists(sessionId)) {
      throw new TtError(
        'not-found',
        `no session with id ${sessionId}`,
        'run `tt sessions list` to see the ids',
      );
    }
    const target = this.requireStream(streamId);
    const family = this.repo.sessionFamily(sessionId);
    const before = this.repo.sessionAssignments(family);
    const streams = [target.id, ...[...before.values()].map((row) => row.stream_id)];
    const subagents = family.length > 1 ? ` (with ${family.length - 1} subagents)` : '';
    return this.edit(
      `Moved session ${sessionId}${subagents} to "${target.name}"`,
      { streams, sessions: family },
      () => {
        for (const id of family) this.repo.assignSession(id, target.id, 'user', 1.0);
        this.repo.removeEmptyStreams();
      },
    );
  }

  undo(): UndoResult {
    const entry = this.repo.lastUndoableEdit();
    if (entry === null) return { undone: null, canUndo: false };
    this.repo.transaction(() => {
      this.repo.restore(entry.snapshot);
      this.repo.markUndone(entry.id);
      this.repo.refreshDerived();
    });
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return { undone: entry.description, canUndo: this.repo.lastUndoableEdit() !== null };
  }
}
