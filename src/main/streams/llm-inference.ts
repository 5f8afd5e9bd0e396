import { validateStreamsAnswer, type ValidatedStream } from '../../core/streams/llm-answer';
import { compileExclusions, excludedSessionIds } from '../../core/privacy/exclusions';
import { addCounts } from '../../core/privacy/secret-scanner';
import {
  buildWindowRequest,
  CACHED_PREFIX_TOKENS,
  estimateTokens,
  withRealIds,
  type PromptPrivacy,
  type WindowRequest,
} from '../../core/streams/llm-prompt';
import {
  overlapsWindow,
  type KnownStream,
  type StreamSession,
  type TimeWindow,
} from '../../core/streams/stream-model';
import { continueByName, type PreviousStream } from '../../core/streams/llm-continuity';
import {
  openSessions,
  planPlacements,
  type ClaudeWindow,
  type FocusToPlace,
} from '../../core/streams/placement-plan';
import { cutInferenceWindows, previousWindowSpan } from '../../core/streams/inference-windows';
import type { InferWindowReport } from '../../shared/api';
import { homedir } from 'node:os';
import { describeError } from '../errors';
import type { ServiceContext } from '../service-context';
import {
  AnthropicRequestError,
  createAnthropicRequester,
  MalformedAnswerError,
  type StreamsRequester,
} from './anthropic-client';
import type { InferenceEdit } from './inference-edit';
import type { InferenceInputs } from './inference-inputs';
import type { RunStats } from './run-stats';
import { writePlacementPlan } from './placement-writer';
import type { StreamRepo } from './stream-repo';

// Inference with Claude: one request per 24-hour window (4 hours of overlap), each answer
// validated, then written in one transaction per window, so a window that fails changes nothing.

const DAY_MS = 24 * 3600_000;
/** How many times a malformed answer is asked again (on top of the first try). */
const DEFAULT_MALFORMED_RETRIES = 2;
const DEFAULT_RETRY_BASE_MS = 1_000;
/** The SDK's own retries of 429, 5xx and timeouts. */
const DEFAULT_SDK_RETRIES = 2;

const NO_KEY_MESSAGE =
  "no Anthropic API key: set ANTHROPIC_API_KEY in the environment (or enter a key in the app's Settings)";

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return env[name] !== undefined && Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** What the windows of one run share. `requester` is null on a dry run. */
interface WindowRun {
  inputs: InferenceInputs;
  requester: StreamsRequester | { error: string } | null;
  stats: RunStats;
  /** sessions an earlier window of this run claimed: the overlap rule */
  decidedSessions: Set<string>;
  decidedEvents: Set<string>;
  /** What never goes to the LLM, and how the rest is cleaned. */
  privacy: PromptPrivacy;
  /** the streams earlier windows of this run wrote, by id: continuity by name looks here too */
  earlierStreams: Map<string, PreviousStream>;
  /** notes what each window changes, so that the run is one undoable edit */
  edit?: InferenceEdit;
}

/** Runs LLM inference over a range, window by window. */
export class LlmInference {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: StreamRepo,
    private readonly newId: () => string,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async run(
    range: TimeWindow,
    inputs: InferenceInputs,
    dryRun: boolean,
    stats: RunStats,
    edit?: { recorder: InferenceEdit; description: string },
  ): Promise<InferWindowReport[]> {
    const windows = cutInferenceWindows(range.start, range.end);
    let requester: StreamsRequester | { error: string } | null = null;
    if (!dryRun) {
      const apiKey = this.ctx.settings.apiKey();
      const badBaseUrl = baseUrlProblem(this.ctx.env.ANTHROPIC_BASE_URL);
      requester = !apiKey
        ? { error: NO_KEY_MESSAGE }
        : badBaseUrl
          ? { error: badBaseUrl }
          : await this.createRequester(apiKey);
    }
    const run: WindowRun = {
      inputs,
      requester,
      stats,
      decidedSessions: new Set(),
      decidedEvents: new Set(),
      privacy: this.privacy(),
      earlierStreams: new Map(),
      edit: edit?.recorder,
    };
    const reports: InferWindowReport[] = [];
    for (const [index, window] of windows.entries()) {
      this.ctx.emit({ type: 'progress', task: 'infer', done: index, total: windows.length, unit: 'windows' });
      reports.push(await this.runWindow(window, run));
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
        edit?.recorder.noteRemovable();
        stats.removed += this.repo.removeEmptyStreams();
        edit?.recorder.finish(edit.description);
      });
    }
    return reports;
  }

  /**
   * One window: build its prompt, ask (unless nothing in it is still open), validate, and write
   * its sessions and focus events in one transaction, or nothing when it fails.
   */
  private async runWindow(window: TimeWindow, run: WindowRun): Promise<InferWindowReport> {
    const { inputs, stats, decidedSessions, decidedEvents } = run;
    const requester = run.requester;
    const dryRun = requester === null;
    const sessions = await inputs.sessionsIn(window.start, window.end);
    const inWindow = sessions.filter((s) => overlapsWindow(s, window));
    const events = (await inputs.eventsIn(window.start, window.end)).filter((e) => !decidedEvents.has(e.id));
    const report: InferWindowReport = {
      start: window.start,
      end: window.end,
      sessionCount: inWindow.length,
      ok: true,
    };
    // Sessions near the window, for the focus events to follow (loaded before any write).
    const nearby = dryRun ? [] : await inputs.sessionsIn(window.start - DAY_MS, window.end + DAY_MS);
    const focus: FocusToPlace = { events, nearby, by: 'llm' };
    const sessionIds = [...new Set([...sessions, ...nearby].map((s) => s.sessionId))];
    const eventIds = events.map((e) => e.id);
    // Plans the window from what the store says inside the transaction, and writes the plan;
    // with `answer` null only the focus events are placed.
    const place = (answer: readonly ValidatedStream[] | null): number => {
      const snapshot = this.repo.placementSnapshot(sessionIds, eventIds);
      const claude: ClaudeWindow | null = answer && {
        kind: 'llm',
        sessions,
        windowSessionIds: inWindow.map((s) => s.sessionId),
        answer,
        decidedEarlier: decidedSessions,
        newId: this.newId,
      };
      const plan = planPlacements(snapshot, claude, focus);
      writePlacementPlan(this.repo, plan, stats, run.edit);
      for (const event of events) decidedEvents.add(event.id);
      if (!answer) return 0;
      for (const id of plan.claimed) decidedSessions.add(id);
      this.repo.recordProposals('llm', plan.proposals);
      const assigned = this.repo.sessionAssignments(inWindow.map((s) => s.sessionId));
      return new Set([...assigned.values()].map((row) => row.stream_id)).size;
    };

    const before = this.repo.placementSnapshot(
      inWindow.map((s) => s.sessionId),
      [],
    );
    const open = openSessions(
      before,
      inWindow.map((s) => s.sessionId),
      decidedSessions,
    );
    if (open.length === 0) {
      // Nothing the answer could change; focus alone goes where its sessions are.
      if (inWindow.length > 0) report.note = 'all its sessions were placed by an earlier window';
      if (!dryRun) this.repo.transaction(() => place(null));
      return report;
    }

    const previousStreams = await this.previousStreams(window, run);
    const placedIn = new Map(
      inWindow
        .filter((s) => decidedSessions.has(s.sessionId) && before.sessions.has(s.sessionId))
        .map((s) => [s.sessionId, before.sessions.get(s.sessionId)!.streamId]),
    );
    const request = buildWindowRequest(
      { window, sessions: inWindow, focus: events, previousStreams, placedIn },
      run.privacy,
    );
    const prompt = request.prompt;
    addCounts(stats.redactions, request.redactions);
    stats.excludedSessions += request.excludedSessions;
    stats.unscannedEntries += request.unscannedEntries;
    Object.assign(report, {
      redactions: request.redactions,
      excludedSessions: request.excludedSessions,
      unscannedEntries: request.unscannedEntries,
    });
    const sent = new Set(request.sessionIds);
    if (!open.some((id) => sent.has(id))) {
      // Every open session is excluded (or could not be scanned): nothing is asked, and they
      // keep their directory streams.
      report.note = 'its sessions are kept from the LLM (excluded in settings, or not scannable)';
      if (dryRun) return report;
      report.streamsAssigned = this.repo.transaction(() => place([]));
      return report;
    }
    if (dryRun) {
      // As if the answer placed every session, which is what a later window will assume.
      for (const session of inWindow) decidedSessions.add(session.sessionId);
      return Object.assign(report, {
        system: request.system,
        prompt,
        promptChars: prompt.length,
        estimatedTokens: estimateTokens(prompt),
        cachedTokens: CACHED_PREFIX_TOKENS,
      });
    }
    if ('error' in requester) return Object.assign(report, { ok: false, error: requester.error });

    let answer: ValidatedStream[];
    try {
      const validated = await this.askForStreams(requester, request, {
        sessionIds: sent,
        parentOf: new Map(inWindow.map((s) => [s.sessionId, s.parentSessionId])),
        previousStreams,
      });
      const projectOf = new Map(inWindow.map((s) => [s.sessionId, s.identity.projectName]));
      // The previous window's streams first: those are the ones the prompt showed.
      const earlier = [...run.earlierStreams.values()].filter(
        (s) => !previousStreams.some((p) => p.id === s.id),
      );
      answer = continueByName(validated, [...previousStreams, ...earlier], (id) => projectOf.get(id));
    } catch (error) {
      // A refused key, an unknown model or an unreachable API fails every later window alike: stop asking.
      if (error instanceof AnthropicRequestError && error.fatal) run.requester = { error: error.message };
      return Object.assign(report, { ok: false, error: describeError(error) });
    }
    report.streamsAssigned = this.repo.transaction(() => {
      const streamsAssigned = place(answer);
      this.rememberStreams(run.earlierStreams, inWindow);
      return streamsAssigned;
    });
    return report;
  }

  private async createRequester(apiKey: string): Promise<StreamsRequester> {
    const settings = this.ctx.settings.configured();
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
    request: WindowRequest,
    context: Parameters<typeof validateStreamsAnswer>[1],
  ): Promise<ValidatedStream[]> {
    const retries = intEnv(this.ctx.env, 'TT_LLM_MALFORMED_RETRIES', DEFAULT_MALFORMED_RETRIES);
    const baseMs = intEnv(this.ctx.env, 'TT_LLM_RETRY_BASE_MS', DEFAULT_RETRY_BASE_MS);
    let problem = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await this.sleep(baseMs * 2 ** (attempt - 1));
      try {
        const answer = await requester.request({ system: request.system, prompt: request.prompt });
        const check = validateStreamsAnswer(withRealIds(answer, request.handles), context);
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

  /** The exclusions and home folder of the person, as the prompt applies them. */
  private privacy(): PromptPrivacy {
    const home = this.ctx.env.HOME || homedir();
    return {
      homeDirs: [home],
      isExcluded: compileExclusions(this.ctx.settings.configured().llmExclusions, home),
    };
  }

  /**
   * The streams that sessions of the previous window are in now (for window 1: before this
   * run), with the projects of those sessions; with exclusions, only those that a session the
   * LLM may see is in.
   */
  private async previousStreams(window: TimeWindow, run: WindowRun): Promise<PreviousStream[]> {
    const span = previousWindowSpan(window);
    const all = (await run.inputs.sessionsIn(span.start, span.end)).filter((s) => overlapsWindow(s, span));
    const excluded = excludedSessionIds(all, run.privacy.isExcluded);
    const sessions = all.filter((s) => !excluded.has(s.sessionId));
    const assignments = this.repo.sessionAssignments(sessions.map((s) => s.sessionId));
    const streams = new Map<string, KnownStream & { projects: Set<string> }>();
    for (const session of sessions) {
      const row = assignments.get(session.sessionId);
      const live = row ? this.repo.getStream(this.repo.liveStreamId(row.stream_id)) : null;
      if (!live) continue;
      const stream = streams.get(live.id) ?? { id: live.id, name: live.name, projects: new Set<string>() };
      stream.projects.add(session.identity.projectName);
      streams.set(live.id, stream);
    }
    return [...streams.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Notes the LLM streams the window's sessions are now in, with their projects. */
  private rememberStreams(earlier: Map<string, PreviousStream>, inWindow: readonly StreamSession[]): void {
    const rows = this.repo.sessionAssignments(inWindow.map((s) => s.sessionId));
    for (const session of inWindow) {
      const row = rows.get(session.sessionId);
      const stream = row?.assigned_by === 'llm' ? this.repo.getStream(row.stream_id) : null;
      if (!stream) continue;
      const known = earlier.get(stream.id) ?? {
        id: stream.id,
        name: stream.name,
        projects: new Set<string>(),
      };
      earlier.set(stream.id, {
        ...known,
        name: stream.name,
        projects: new Set([...known.projects, session.identity.projectName]),
      });
    }
  }
}

/** Why ANTHROPIC_BASE_URL cannot be used, or null when it is unset or an http(s) URL. */
function baseUrlProblem(baseUrl: string | undefined): string | null {
  if (!baseUrl) return null;
  try {
    const { protocol } = new URL(baseUrl);
    if (protocol === 'http:' || protocol === 'https:') return null;
  } catch {
    // not a URL at all
  }
  return `ANTHROPIC_BASE_URL "${baseUrl}" is not an http(s) URL: unset it, or use e.g. https://api.anthropic.com`;
}
