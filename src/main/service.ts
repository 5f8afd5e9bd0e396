import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AwayMark } from '../core/time/away';
import type {
  EditResult,
  EventQuery,
  EventRecord,
  ImportResult,
  IndexOptions,
  IndexResult,
  InferOptions,
  InferResult,
  Report,
  ReportQuery,
  ServiceEvent,
  SessionQuery,
  SessionDetails,
  StreamFindQuery,
  StreamFindResult,
  SessionSummary,
  Settings,
  SettingsUpdate,
  StatusReport,
  StreamQuery,
  StreamSummary,
  TimelineData,
  TimelineQuery,
  TtApi,
  TtEvents,
  UndoResult,
  RedoResult,
  NewStreamInput,
  AssignInput,
  UnassignedGroup,
  MachineSummary,
  SyncStatus,
  SyncResult,
  ActivityCalendar,
  Insights,
  InsightsQuery,
  ManualEntry,
  ManualEntryInput,
  ManualEntryUpdate,
  Timesheet,
  TimesheetQuery,
  SessionReportRow,
} from '../shared/api';
import { homedir } from 'node:os';
import { projectNamePattern } from '../core/privacy/exclusions';
import { replaceHomeDirs } from '../core/privacy/home-dirs';
import { redactSecrets } from '../core/privacy/secret-scanner';
import { ensureDataDir, DATABASE_FILE_NAME } from './paths';
import { createPrivateFile } from './private-files';
import { countRows, openDatabase, schemaVersion, type Database } from './store/database';
import { ServiceEventBus } from './service-events';
import type { StreamQualityReport } from './streams/stream-quality';
import { createServiceContext, type ServiceContext } from './service-context';
import type { SecretStore } from './settings/secret-store';
import { SessionService, type SessionServiceOptions } from './sessions/session-service';
import { EventService } from './events/event-service';
import { outdatedHooksNotice } from './events/tmux-install';
import { StreamService, type StreamShow } from './streams/stream-service';
import { EVERY_PROJECT, TimeService, type ProjectFilter } from './time/time-service';
import { serveOverSsh, syncOverSsh, type SshSyncOptions } from './sync/ssh-sync';
import { SyncService } from './sync/sync-service';
import { claimDataDir } from './sync/data-dir-copy';
import { clockFromEnv } from './clock';
import { TT_VERSION } from './version';
import { TtError } from './errors';

export interface ServiceOptions {
  dataDir: string;
  /** The environment to read settings from (roots, API key); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Injected so that tests control time; defaults to Date.now. */
  now?: () => number;
  /** The app's keychain for the API key; the CLI has none. */
  secrets?: SecretStore;
  /** How sessions are parsed; long-running hosts with a UI keep all parsing in workers. */
  indexing?: SessionServiceOptions;
  /**
   * After every index, group the sessions no stream covers into streams by project (offline),
   * so the app's first index leads straight to the work. The app and the dashboard set it; the
   * CLI keeps `tt sessions index` and `tt infer` separate.
   */
  inferNewSessions?: boolean;
  /** How long after an edit a running host syncs (tests shorten it); see sync/sync-scheduler. */
  syncAfterEditMs?: number;
}

/**
 * For the app and the dashboard: every index runs in worker threads, however small, so the
 * process that answers the window (IPC) or the browser (HTTP, SSE) never stalls on parsing.
 */
export const INTERACTIVE_HOST_INDEXING: SessionServiceOptions = { inProcessBelowBytes: 0 };

/** What the app and the dashboard open the service with (see INTERACTIVE_HOST_INDEXING, inferNewSessions). */
export const INTERACTIVE_HOST = { indexing: INTERACTIVE_HOST_INDEXING, inferNewSessions: true } as const;

/**
 * The application service: the one object that the CLI, the Electron IPC handlers and the
 * dashboard's HTTP handlers call. It owns the database handle and composes one part per
 * concern (sessions, events, streams, time); front ends own nothing but their transport.
 */
export class TtService implements TtApi, TtEvents {
  // The parts are private: hosts and tests use the methods below, so that what a front end
  // may do is this class's surface and nothing else.
  private readonly ctx: ServiceContext;
  private readonly sessions: SessionService;
  private readonly events: EventService;
  private readonly streams: StreamService;
  private readonly time: TimeService;
  private readonly sync: SyncService;
  private readonly bus = new ServiceEventBus();
  private readonly secrets: SecretStore | null;
  private readonly inferNewSessions: boolean;
  /** Set while a host's background work runs: edits then ask for a sync soon. */
  private syncAfterEdit: (() => void) | null = null;
  private readonly syncAfterEditMs: number | undefined;

  private constructor(
    options: ServiceOptions,
    db: Database,
    readonly databasePath: string,
    /** What opening changed that the person should hear once (permissions tightened). */
    readonly notices: string[],
  ) {
    const env = options.env ?? process.env;
    this.secrets = options.secrets ?? null;
    this.inferNewSessions = options.inferNewSessions ?? false;
    this.syncAfterEditMs = options.syncAfterEditMs;
    this.ctx = createServiceContext(db, {
      dataDir: options.dataDir,
      env,
      now: options.now ?? clockFromEnv(env),
      secrets: options.secrets,
      emit: (event) => this.bus.emit(event),
    });
    this.sessions = new SessionService(this.ctx, options.indexing);
    this.events = new EventService(this.ctx);
    this.streams = new StreamService(
      this.ctx,
      { sessions: this.sessions.repository, events: this.events.repository },
      { identity: this.events.identities },
    );
    this.time = new TimeService(this.ctx);
    this.sync = new SyncService(this.ctx, this.streams);
    const copied = claimDataDir(db, options.dataDir, randomUUID, this.ctx.now());
    if (copied !== null) notices.push(copied);
  }

  /** Creates the data directory and database as needed; throws TtError('storage') if it cannot. */
  static open(options: ServiceOptions): TtService {
    const notices = ensureDataDir(options.dataDir);
    const outdatedHooks = outdatedHooksNotice(options.dataDir);
    if (outdatedHooks !== null) notices.push(outdatedHooks);
    const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
    // Created 0600 before SQLite opens it, so the database and its -wal and -shm are private.
    try {
      createPrivateFile(databasePath);
    } catch {
      // A directory in the way, or no permission: openDatabase says so in words.
    }
    return new TtService(options, openDatabase(databasePath), databasePath, notices);
  }

  get db(): Database {
    return this.ctx.db;
  }

  close(): void {
    this.ctx.db.close();
  }

  /**
   * What a long-running host (the app, `tt dashboard`) does while it runs, so that open views
   * stay current without anyone asking: hear the command line's writes to the database, import
   * the focus events the tmux hook spooled every half minute, and index new transcripts quietly
   * every two minutes. Failures go to `onError` (the loops carry on). Returns the stop function.
   */
  async startBackgroundWork(onError?: (doing: string, error: unknown) => void): Promise<() => void> {
    // Loaded here so that short commands never pay for them.
    const { watchDatabase } = await import('./live/database-watcher');
    const { BACKGROUND_INDEX_INTERVAL_MS, EVENT_IMPORT_INTERVAL_MS, runPeriodically } =
      await import('./live/periodic');
    const { SyncScheduler, SYNC_INTERVAL_MS } = await import('./sync/sync-scheduler');
    const syncing = new SyncScheduler(
      () => this.syncInBackground(),
      (error) => onError?.('syncing', error),
      this.syncAfterEditMs,
    );
    this.syncAfterEdit = () => syncing.soon();
    const stops = [
      () => {
        syncing.stop();
        this.syncAfterEdit = null;
      },
      runPeriodically(() => syncing.runNow(), { intervalMs: SYNC_INTERVAL_MS }),
      watchDatabase(this.ctx.db, (event) => this.ctx.emit(event)),
      runPeriodically(() => this.importEvents(), {
        intervalMs: EVENT_IMPORT_INTERVAL_MS,
        onError: (error) => onError?.('importing focus events', error),
      }),
      runPeriodically(() => this.indexInBackground(), {
        intervalMs: BACKGROUND_INDEX_INTERVAL_MS,
        onError: (error) => onError?.('indexing sessions', error),
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** The periodic sync of a running host: only when a sync folder is set. */
  private async syncInBackground(): Promise<SyncResult | null> {
    if (this.ctx.settings.configured().syncFolder === null) return null;
    return this.syncNow();
  }

  async syncNow(): Promise<SyncResult> {
    const folder = this.sync.configuredFolder();
    if (folder === null) {
      throw new TtError(
        'input',
        'no sync folder is set',
        'choose one in Settings, or `tt settings set sync-folder DIR`',
      );
    }
    await this.importEvents();
    return this.sync.syncFolder(folder);
  }

  async syncStatus(folder?: string): Promise<SyncStatus> {
    return this.sync.status(folder ?? this.sync.configuredFolder());
  }

  /** `tt sync passphrase`: keeps (or, with null, forgets) the passphrase that encrypts this machine's segments. */
  async setSyncPassphrase(passphrase: string | null): Promise<void> {
    await this.sync.passphrase.set(passphrase);
  }

  async listMachines(options: { all?: boolean } = {}): Promise<MachineSummary[]> {
    return this.sync.machinesList(options.all);
  }

  /** The sync folder in the settings, with ~ expanded, or null. */
  configuredSyncFolder(): string | null {
    return this.sync.configuredFolder();
  }

  /** `tt sync --folder`: export this machine's new data there, then import the others'. */
  syncThroughFolder(folder: string, options: { gzip?: boolean } = {}): Promise<SyncResult> {
    return this.sync.syncFolder(folder, options);
  }

  /** `tt sync ssh HOST`: export here, then send HOST what it lacks and bring back what this machine lacks. */
  async syncOverSsh(host: string, options: Omit<SshSyncOptions, 'exported'>): Promise<SyncResult> {
    const exported = await this.sync.exportNew(false);
    return syncOverSsh(this.sync, host, { ...options, exported });
  }

  /** `tt sync serve`, the remote side of `tt sync ssh` (on the ssh channel's stdin and stdout). */
  serveSync(options: Parameters<typeof serveOverSsh>[1]): Promise<void> {
    return serveOverSsh(this.sync, options);
  }

  /** `tt sync forget MACHINE`: a retired machine is no longer listed nor expected; its rows stay. */
  forgetMachine(which: string): MachineSummary {
    return this.sync.forgetMachine(which);
  }

  /** `tt sync name`: the name this machine shows on the others. */
  renameThisMachine(name: string): MachineSummary {
    return this.sync.renameLocalMachine(name);
  }

  /** A person's edit: heard by the other machines soon, when the host syncs. */
  private edited<T>(result: T): T {
    this.syncAfterEdit?.();
    return result;
  }

  onEvent(listener: (event: ServiceEvent) => void): () => void {
    return this.bus.onEvent(listener);
  }

  /** Tells every listener (windows, the tray, the dashboard's pages), as the service's own work does. */
  announce(event: ServiceEvent): void {
    this.ctx.emit(event);
  }

  // What the desktop host needs beyond the TtApi: the tray's menu and the away recorder.

  hasApiKey(): boolean {
    return this.ctx.settings.get().hasApiKey;
  }

  awayThresholdMs(): number {
    return this.ctx.settings.configured().awayAfterMinutes * 60_000;
  }

  /** Stores away periods (idle, locked, asleep) as events; they end direct time. */
  recordAway(marks: readonly AwayMark[]): void {
    this.events.recordAway(marks);
  }

  /** Which source records away time in this process, for Settings to show. */
  setAwaySource(source: string | null): void {
    this.ctx.settings.awaySource = source;
  }

  async status(): Promise<StatusReport> {
    const db = this.ctx.db;
    return {
      version: TT_VERSION,
      dataDir: this.ctx.dataDir,
      databasePath: this.databasePath,
      schemaVersion: schemaVersion(db),
      counts: {
        sessions: countRows(db, 'sessions'),
        events: countRows(db, 'events'),
        streams: countRows(db, 'streams'),
      },
      sources: this.ctx.sources.list(),
      lastEdit: this.streams.lastEdit(),
      nextRedo: this.streams.nextRedo(),
      latestActivity: this.sessions.repository.latestActivity(),
    };
  }

  async getSettings(): Promise<Settings> {
    return this.ctx.settings.get();
  }

  async updateSettings(update: SettingsUpdate): Promise<Settings> {
    const settings = this.ctx.settings.update(update);
    this.bus.emit({ type: 'changed', topics: ['settings'] });
    return settings;
  }

  async setApiKey(input: { key: string | null }): Promise<Settings> {
    if (!this.secrets) {
      throw new TtError(
        'input',
        'this tt cannot store an API key',
        'set ANTHROPIC_API_KEY in the environment that starts `tt dashboard`, or enter the key in the desktop app',
      );
    }
    this.secrets.setApiKey(input.key);
    this.bus.emit({ type: 'changed', topics: ['settings'] });
    return this.ctx.settings.get();
  }

  async indexSessions(options: IndexOptions = {}): Promise<IndexResult> {
    const result = await this.sessions.index(options);
    return { ...result, placed: await this.placeNewSessions() };
  }

  /**
   * The app's and the dashboard's periodic refresh: new transcripts indexed without a word,
   * and their sessions placed in streams like after "Index now".
   */
  async indexInBackground(): Promise<IndexResult> {
    const result = await this.sessions.indexQuietly();
    return { ...result, placed: await this.placeNewSessions() };
  }

  private async placeNewSessions() {
    return this.inferNewSessions ? this.streams.inferNewSessions() : undefined;
  }

  async listSessions(query: SessionQuery = {}): Promise<SessionSummary[]> {
    return this.sessions.list(query);
  }

  async sessionDetails(query: { sessionId: string; start: number; end: number }): Promise<SessionDetails> {
    const repo = this.sessions.repository;
    const session = repo.get(query.sessionId);
    if (session === null) throw new TtError('not-found', `no session ${query.sessionId}`);
    return {
      session,
      gitBranch: repo.gitBranch(session.sessionId),
      prompts: repo.promptTexts(session.sessionId),
      ...this.time.sessionTime(session.sessionId, query),
      placement: this.streams.placementOf(session.sessionId),
    };
  }

  /** `tt streams show`: a stream (id or unique prefix) and why each of its sessions is in it. */
  async showStream(input: { id: string }): Promise<StreamShow> {
    return this.streams.show(input.id);
  }

  async findStreams(query: StreamFindQuery): Promise<StreamFindResult> {
    return this.streams.find(query);
  }

  /**
   * Imports the spooled focus events; in the app and the dashboard, new ones then follow the
   * nearest stream at once (after a run with Claude as after an offline one).
   */
  async importEvents(): Promise<ImportResult> {
    const result = await this.events.import();
    if (this.inferNewSessions && result.imported > 0)
      await this.streams.inferNewSessions({ sessions: false });
    return result;
  }

  async listEvents(query: EventQuery = {}): Promise<EventRecord[]> {
    return this.events.list(query);
  }

  inferStreams(options: InferOptions): Promise<InferResult> {
    return this.streams.infer(options);
  }

  /** Streams with their direct/delegated totals over the range (all time when none is given). */
  async listStreams(query: StreamQuery = {}): Promise<StreamSummary[]> {
    const streams = this.streams.list();
    const start = query.start ?? 0;
    const end = query.end ?? this.ctx.now();
    const totals = end > start ? this.time.streamTotals({ start, end }) : new Map();
    return streams.map((stream) => ({
      ...stream,
      directMs: totals.get(stream.id)?.directMs ?? 0,
      delegatedMs: totals.get(stream.id)?.delegatedMs ?? 0,
      waitingMs: totals.get(stream.id)?.waitingMs ?? 0,
    }));
  }

  async renameStream(input: { id: string; name: string }): Promise<EditResult> {
    return this.edited(this.streams.rename(input.id, input.name));
  }

  async confirmStream(input: { id: string }): Promise<EditResult> {
    return this.edited(this.streams.confirm(input.id));
  }

  async mergeStreams(input: { from: string; into: string }): Promise<EditResult> {
    return this.edited(this.streams.merge(input.from, input.into));
  }

  async moveSession(input: { sessionId: string; streamId: string }): Promise<EditResult> {
    return this.edited(this.streams.moveSession(input.sessionId, input.streamId));
  }

  async undo(): Promise<UndoResult> {
    return this.edited(this.streams.undo());
  }

  /** How the latest offline and LLM proposals compare with the streams a person reviewed. */
  async streamQuality(): Promise<StreamQualityReport> {
    return this.streams.quality();
  }

  async redo(): Promise<RedoResult> {
    return this.edited(this.streams.redo());
  }

  async newStream(input: NewStreamInput): Promise<EditResult> {
    return this.edited(this.streams.newStream(input));
  }

  async listUnassigned(query: { start: number; end: number }): Promise<UnassignedGroup[]> {
    return this.streams.unassigned(query);
  }

  async assignUnassigned(input: AssignInput): Promise<EditResult> {
    return this.edited(this.streams.assignUnassigned(input));
  }

  async timeline(query: TimelineQuery): Promise<TimelineData> {
    return this.time.timeline(query);
  }

  async report(query: ReportQuery): Promise<Report> {
    return this.time.report(query);
  }

  async sessionReport(query: { start: number; end: number }): Promise<SessionReportRow[]> {
    return this.time.sessionReport(query);
  }

  async insights(query: InsightsQuery): Promise<Insights> {
    return this.time.insights(query, this.projectFilter(query.projects, false));
  }

  async activityCalendar(query: {
    start: number;
    end: number;
    projects?: string[];
    machine?: string;
  }): Promise<ActivityCalendar> {
    return this.time.activityCalendar(query, this.projectFilter(query.projects, false));
  }

  /**
   * One row per day × project (or stream) of the measure asked for; descriptions go through the
   * same scanner (and home-folder rule) as the LLM prompt. A project glob that matches no project
   * tt knows is refused.
   */
  async timesheet(query: TimesheetQuery): Promise<Timesheet> {
    const home = this.ctx.env.HOME || homedir();
    const notes = this.streams.listManual(query).map((entry) => ({
      streamId: entry.streamId,
      start: entry.start,
      end: entry.end,
      note: entry.note,
    }));
    return this.time.timesheet(query, {
      manualNotes: notes,
      includeProject: this.projectFilter(query.projects, true),
      rates: this.ctx.settings.configured().rates,
      redact: (text) => {
        const scanned = redactSecrets(replaceHomeDirs(text, [home]));
        return { text: scanned.text, count: Object.values(scanned.counts).reduce((n, c) => n + c, 0) };
      },
    });
  }

  /** The projects a view or a timesheet asks for (names or globs); every one when none is given. */
  private projectFilter(projects: readonly string[] | undefined, globs: boolean): ProjectFilter {
    if (projects === undefined || projects.length === 0) return EVERY_PROJECT;
    const known = this.streams.knownProjects();
    const patterns = projects.map((project) => {
      const pattern = globs ? projectNamePattern(project) : null;
      const matches = pattern ? known.some((name) => pattern.test(name)) : known.includes(project);
      if (!matches) {
        throw new TtError(
          'input',
          `tt knows no project "${project}"`,
          known.length > 0 ? `known projects: ${known.slice(0, 20).join(', ')}` : 'index your sessions first',
        );
      }
      return { pattern, project };
    });
    return (name) =>
      patterns.some(({ pattern, project }) => (pattern ? pattern.test(name) : name === project));
  }

  async listManualEntries(query: { start: number; end: number }): Promise<ManualEntry[]> {
    return this.streams.listManual(query);
  }

  async addManualEntry(input: ManualEntryInput): Promise<EditResult & { id: string }> {
    return this.edited(this.streams.addManual(input));
  }

  async updateManualEntry(input: ManualEntryUpdate): Promise<EditResult> {
    return this.edited(this.streams.updateManual(input));
  }

  async deleteManualEntry(input: { id: string }): Promise<EditResult> {
    return this.edited(this.streams.deleteManual(input.id));
  }
}
