// The one contract between tt's front ends (window, browser dashboard, CLI) and its
// application service. Every type here crosses a process boundary, so it is plain data:
// times are epoch milliseconds (UTC), never Date objects.

import type { ReportGrouping } from './report-groupings';
import type { SessionSourceName } from './session-sources';

export type { ReportGrouping, SessionSourceName };

// ---------------------------------------------------------------- status and settings

export interface SourceStatus {
  /** "claude-sessions", "codex-sessions" (one per agent found) or "tmux-events" */
  name: string;
  lastIndexedAt: number | null;
  detail: string | null;
}

export interface StatusReport {
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  counts: { sessions: number; events: number; streams: number };
  sources: SourceStatus[];
  /** What Undo would revert now (the last edit not yet undone); null when there is nothing to undo. */
  lastEdit?: string | null;
  /** What Redo would apply again now (the edit undone last); null when there is nothing to redo. */
  nextRedo?: string | null;
  /** The end of the latest session indexed (null before any): where "Latest activity" goes. */
  latestActivity?: number | null;
}

/** Settings a person can change. The API key is never part of it: only whether one is set. */
export interface Settings {
  /** Claude Code projects roots to index; empty means the default (see README). */
  projectRoots: string[];
  /** The roots actually used when `projectRoots` is empty, for display ("searched in …"). */
  effectiveProjectRoots: string[];
  model: string;
  maxTokens: number;
  requestTimeoutMs: number;
  attentionWindowMinutes: number;
  sessionTimeoutMinutes: number;
  /** Projects (by name) and folders (path globs, `~` for home) that never go to the LLM. */
  llmExclusions: string[];
  /** minutes without input after which the desktop app marks the person away (back-dated) */
  awayAfterMinutes: number;
  /** Agents whose sessions are not indexed ("claude-code", "codex", "opencode", "gemini"). */
  disabledSources: SessionSourceName[];
  /** Every agent tt can read, where its files are and whether they were found (read-only). */
  sessionSources: SessionSourceInfo[];
  /** The projects folders set in Settings that do not exist (yet): Settings warns about them. */
  missingProjectRoots: string[];
  /** The folder `tt sync` and the app sync through (Syncthing, Dropbox…), or null when none. */
  syncFolder: string | null;
  /** Whether the person's prompts (their words) go into sync segments; times always do. */
  syncPromptTexts: boolean;
  /** Hourly rates per project (`tt settings set rate.<project> 120`), for the timesheet's amounts. */
  rates: Record<string, number>;
  /** which sources record away time now (only the desktop app does), or null when none */
  awaySource: string | null;
  hasApiKey: boolean;
  /** Where the key comes from, for the settings page: "environment", "keychain" or null. */
  apiKeySource: 'environment' | 'keychain' | null;
}

export type SettingsUpdate = Partial<
  Pick<
    Settings,
    | 'projectRoots'
    | 'model'
    | 'maxTokens'
    | 'requestTimeoutMs'
    | 'attentionWindowMinutes'
    | 'sessionTimeoutMinutes'
    | 'llmExclusions'
    | 'syncFolder'
    | 'syncPromptTexts'
    | 'awayAfterMinutes'
    | 'disabledSources'
    | 'rates'
  >
>;

/** One agent's session files on this machine, for Settings. */
export interface SessionSourceInfo {
  name: SessionSourceName;
  /** "Codex CLI" */
  label: string;
  /** where tt looks (the override variable honoured) */
  roots: string[];
  /** the variable that moves them, e.g. "CODEX_HOME", or null */
  overrideVariable: string | null;
  /** whether any of the roots exists */
  found: boolean;
  enabled: boolean;
}

// ---------------------------------------------------------------- sessions (issue 3)

export interface SessionSummary {
  sessionId: string;
  parentSessionId: string | null;
  isSubagent: boolean;
  projectPath: string | null;
  projectName: string | null;
  startTime: number;
  /** null when the session has a single timestamp */
  endTime: number | null;
  messageCount: number;
  summary: string | null;
  customTitle: string | null;
  firstPrompt: string | null;
  /** How many prompts the person sent (their timestamps drive direct time). */
  promptCount: number;
  /** The stream it is assigned to, when inference has run. */
  streamId: string | null;
  /** False once Claude Code has deleted the transcript; tt keeps what it indexed. */
  fileExists: boolean;
  /** A subagent's type from its agent-<id>.meta.json sidecar, when there is one. */
  agentType?: string | null;
  /** The transcript file it was read from (it may be gone: see fileExists). */
  transcriptPath?: string | null;
  /** Which coding agent wrote it: "claude-code", "codex", "opencode" or "gemini". */
  agent: SessionSourceName;
}

/** One of the person's prompts in a session: when, and its words (shortened; null if not kept). */
export interface SessionPrompt {
  ts: number;
  text: string | null;
}

/** What a session was, for its details: its prompts and its share of the range's time. */
export interface SessionDetails {
  session: SessionSummary;
  /** The git branch most of its messages were written on. */
  gitBranch: string | null;
  prompts: SessionPrompt[];
  /** In the range asked for, from the same allocation as the timeline (see core/time/session-time.ts). */
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
  /** The stream it is in, who put it there and why; null when no stream holds it. */
  placement: Placement | null;
}

/** Where a session is, who decided it and why, in words ("you moved it here on 12 Feb 14:03"). */
export interface Placement {
  streamId: string;
  streamName: string;
  placedBy: StreamSource;
  reason: string;
}

/** Streams with activity in a range that match a project and/or words, and the range's projects. */
export interface StreamFindQuery {
  start: number;
  end: number;
  project?: string;
  /** Matched, case-insensitively, against stream names, session titles and the person's prompts. */
  text?: string;
}

export interface StreamFindResult {
  streamIds: string[];
  /** Projects with sessions in the range, for a filter. */
  projects: string[];
}

export interface SessionQuery {
  since?: number;
  until?: number;
  project?: string;
  streamId?: string;
  limit?: number;
}

export interface IndexOptions {
  /** Overrides the configured roots for this run. */
  roots?: string[];
}

export interface IndexResult {
  roots: string[];
  filesSeen: number;
  /** read fully or from where the last run stopped */
  filesIndexed: number;
  /** same size and mtime as last time: not read */
  filesUnchanged: number;
  filesSkipped: number;
  /** why files or lines were skipped, with counts: e.g. { "no messages": 2, "malformed line": 17 } */
  skippedReasons: Record<string, number>;
  /** Roots that did not exist (reported, not an error). */
  missingRoots: string[];
  /**
   * When the configured roots held nothing: other roots the sessions tt holds were read from
   * (`tt sessions index --root`), which exist, so the app can offer to add them to Settings.
   */
  rootsElsewhere?: string[];
  /** Other agents' sources that were found (Codex CLI, …), each with what this run did there. */
  otherSources?: SourceIndexSummary[];
  sessionsWritten: number;
  bytesRead: number;
  durationMs: number;
  /**
   * Sessions that no stream covered, grouped into streams by project right after the index
   * (the app and the dashboard do this by themselves; `tt sessions index` does not).
   */
  placed?: NewSessionsPlaced | null;
}

/** One agent's files in an index run (Claude Code's are the run's own totals). */
export interface SourceIndexSummary {
  /** "codex", "opencode", "gemini" */
  agent: string;
  /** "Codex CLI" */
  label: string;
  /** the roots that exist */
  roots: string[];
  filesSeen: number;
  filesIndexed: number;
  filesUnchanged: number;
  filesSkipped: number;
}

/** New sessions placed in streams by offline inference after an index, and the span they cover. */
export interface NewSessionsPlaced {
  sessions: number;
  streams: number;
  start: number;
  end: number;
}

// ---------------------------------------------------------------- events (issue 4)

export type EventType = 'pane-focus' | 'scroll' | 'idle-start' | 'idle-end';

export interface EventRecord {
  id: string;
  ts: number;
  type: EventType;
  paneId: string | null;
  tmuxSession: string | null;
  windowIndex: number | null;
  cwd: string | null;
  projectName: string | null;
  workspaceName: string | null;
  /** how the identity was found: "jj", "git" or "path" */
  identitySource: 'jj' | 'git' | 'path' | null;
  streamId: string | null;
  /** for away periods (idle-start / idle-end): what said so, e.g. idle, lock, suspend, tmux-detached */
  detail: string | null;
}

export interface EventQuery {
  since?: number;
  until?: number;
  type?: EventType;
  limit?: number;
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  /** lines that could not be read, with reasons */
  skipped: Record<string, number>;
  /** problems resolving identities, reported once each (e.g. "git not found: used the path") */
  warnings: string[];
}

// ---------------------------------------------------------------- streams (issue 5)

export type StreamSource = 'directory' | 'llm' | 'user';

export interface StreamSummary {
  id: string;
  name: string;
  confidence: number;
  source: StreamSource;
  reviewed: boolean;
  sessionIds: string[];
  /**
   * Where its sessions were: each project ("spotter") and project with branch ("spotter@dov"),
   * sorted. Pickers list the streams of the same project and branch first.
   */
  places?: string[];
  firstActivity: number | null;
  lastActivity: number | null;
  /** Totals within the range asked for (when a range was given), from the allocation. */
  directMs: number;
  delegatedMs: number;
  /** agents idle because they needed the person; never part of direct or delegated */
  waitingMs: number;
}

export interface StreamQuery {
  start?: number;
  end?: number;
}

export interface InferOptions {
  mode: 'directory' | 'llm';
  start?: number;
  end?: number;
  dryRun?: boolean;
  /**
   * Offline only: also regroup what Claude inferred ("Regroup offline…", `tt infer
   * --replace-llm`). Without it an offline run keeps every stream Claude inferred and places
   * only what no stream holds or what offline inference placed. A person's word is kept always.
   */
  replaceLlm?: boolean;
}

export interface InferWindowReport {
  start: number;
  end: number;
  sessionCount: number;
  ok: boolean;
  /** why a window failed, in words */
  error?: string;
  /** with dryRun: the system prompt (the same for every window) */
  system?: string;
  /** with dryRun: the user message that would be sent (the data), its size, and an estimate of its tokens */
  prompt?: string;
  promptChars?: number;
  estimatedTokens?: number;
  /** with dryRun: tokens of the tool definition and system prompt, re-sent at the cached rate */
  cachedTokens?: number;
  streamsAssigned?: number;
  /** why nothing was sent for a window that still counts as done, e.g. all its sessions were placed */
  note?: string;
  /** LLM: secrets replaced by placeholders in this window's prompt, by kind ("aws-secret": 1) */
  redactions?: Record<string, number>;
  /** LLM: sessions kept out of the prompt by the exclusions setting */
  excludedSessions?: number;
  /** LLM: entries left out because the secret scanner failed on them (never sent unscanned) */
  unscannedEntries?: number;
}

export interface InferResult {
  mode: 'directory' | 'llm';
  dryRun: boolean;
  streamsCreated: number;
  streamsUpdated: number;
  streamsRemoved: number;
  sessionsAssigned: number;
  eventsAssigned: number;
  windows: InferWindowReport[];
  /** Offline: streams Claude inferred that the run left as they were (their sessions and focus too). */
  keptLlmStreams?: number;
  /** Offline with replaceLlm: the names of the streams Claude inferred that the run regroups. */
  replacedLlmStreams?: string[];
  /** The run as an edit in the undo log ("Inference of 7–13 Dec 2026"); null when it changed nothing. */
  edit?: string | null;
  /** LLM: the same counts for the whole run (sessions counted once per window they were kept from) */
  redactions?: Record<string, number>;
  excludedSessions?: number;
  unscannedEntries?: number;
}

/** Every person's edit can be undone; this says what the last one was. */
export interface EditResult {
  /** e.g. 'Renamed "api" to "Billing API"' */
  description: string;
  /** true when there is something to undo now */
  canUndo: boolean;
  /** false when the edit was already true (confirming a confirmed stream): nothing was logged */
  changed?: boolean;
}

export interface UndoResult {
  /** what was undone, or null when there was nothing to undo */
  undone: string | null;
  canUndo: boolean;
  /** true when redo would apply an undone edit again */
  canRedo?: boolean;
}

export interface RedoResult {
  /** what was applied again, or null when there was nothing to redo */
  redone: string | null;
  canRedo: boolean;
}

/** A new stream from sessions (a split when `from` names the stream they must all be in). */
export interface NewStreamInput {
  sessionIds: string[];
  /** The person's name for it; else the sessions' common title. */
  name?: string;
  from?: string;
}

/** A project's activity in a range that no stream holds. */
export interface UnassignedGroup {
  project: string;
  sessions: number;
  events: number;
}

/** A project's unassigned sessions and focus events in a range, given to a stream or a new one. */
export interface AssignInput {
  project: string;
  start: number;
  end: number;
  /** An existing stream, or… */
  streamId?: string;
  /** …the name of a new one. */
  newName?: string;
}

// ---------------------------------------------------------------- time (issue 6)

export type Interval = [start: number, end: number];

export interface SessionMarker {
  sessionId: string;
  start: number;
  end: number | null;
  isSubagent: boolean;
  label: string;
  projectName: string | null;
  /** Which coding agent wrote it (see SessionSummary.agent). */
  agent: SessionSourceName;
  /** the branch most of its records were on, when known */
  branch?: string | null;
}

export interface TimelineLane {
  streamId: string | null; // null = unassigned activity
  name: string;
  confidence: number;
  source: StreamSource | null;
  reviewed: boolean;
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
  direct: Interval[];
  delegated: Interval[];
  /** agents waiting on the person while none of the stream's agents worked */
  waiting: Interval[];
  /** the part of direct time added by hand, drawn as such */
  manual: Interval[];
  sessions: SessionMarker[];
}

export interface TimelineData {
  start: number;
  end: number;
  /** ordered by direct time (attention), then delegated */
  lanes: TimelineLane[];
  totals: { directMs: number; delegatedMs: number; waitingMs: number; activeMs: number };
}

/** A range on the timeline; with `machine` (an id from listMachines), only what that machine recorded. */
export interface TimelineQuery {
  start: number;
  end: number;
  machine?: string;
}

export interface ReportQuery {
  start: number;
  end: number;
  by: ReportGrouping;
}

export interface ReportRow {
  key: string;
  name: string;
  directMs: number;
  delegatedMs: number;
  /** agents idle because they needed the person; never part of direct or delegated */
  waitingMs: number;
  /** delegated / direct; null when there was no direct time */
  delegationRatio: number | null;
  sessions: number;
  /** share of all direct time in the period, 0..1 */
  attentionShare: number;
  /** the stream's project (rows per stream only) */
  project?: string | null;
}

/** One session in a range, for an export with detail (its subagents count with it). */
export interface SessionReportRow {
  sessionId: string;
  agent: SessionSourceName;
  project: string | null;
  branch: string | null;
  streamId: string | null;
  stream: string;
  start: number;
  end: number | null;
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
  title: string;
}

export interface Report {
  start: number;
  end: number;
  by: ReportGrouping;
  rows: ReportRow[];
  total: ReportRow;
}

// ---------------------------------------------------------------- events to views

/** Pushed to every open view; `changed` lets views refetch without polling. */
export type ServiceEvent =
  | { type: 'changed'; topics: ChangeTopic[] }
  | {
      type: 'progress';
      task: TaskName;
      done: number;
      total: number;
      unit: string;
      detail?: string;
      /** for tasks that work through files (indexing): files done out of filesTotal */
      filesDone?: number;
      filesTotal?: number;
    }
  | { type: 'task-finished'; task: TaskName; ok: boolean; summary: string };

export type ChangeTopic = 'sessions' | 'events' | 'streams' | 'settings';
export type TaskName = 'index' | 'import' | 'infer';

/**
 * What a front end may ask of the service. The Electron preload and the dashboard's HTTP
 * client both implement exactly this; the service implements it for the CLI. Each method
 * takes at most one argument, an object, validated at every process boundary
 * (see api-schemas.ts).
 */
export interface TtApi {
  status(): Promise<StatusReport>;
  getSettings(): Promise<Settings>;
  updateSettings(update: SettingsUpdate): Promise<Settings>;
  /**
   * Stores the Anthropic API key in the app's keychain (null removes it). Write-only: no
   * method returns the key. Hosts without a keychain (the dashboard) refuse with a hint.
   */
  setApiKey(input: { key: string | null }): Promise<Settings>;

  indexSessions(options?: IndexOptions): Promise<IndexResult>;
  listSessions(query?: SessionQuery): Promise<SessionSummary[]>;
  sessionDetails(query: { sessionId: string; start: number; end: number }): Promise<SessionDetails>;
  findStreams(query: StreamFindQuery): Promise<StreamFindResult>;

  importEvents(): Promise<ImportResult>;
  listEvents(query?: EventQuery): Promise<EventRecord[]>;

  inferStreams(options: InferOptions): Promise<InferResult>;
  listStreams(query?: StreamQuery): Promise<StreamSummary[]>;
  renameStream(input: { id: string; name: string }): Promise<EditResult>;
  confirmStream(input: { id: string }): Promise<EditResult>;
  mergeStreams(input: { from: string; into: string }): Promise<EditResult>;
  moveSession(input: { sessionId: string; streamId: string }): Promise<EditResult>;
  undo(): Promise<UndoResult>;
  redo(): Promise<RedoResult>;
  newStream(input: NewStreamInput): Promise<EditResult>;
  /** The range's unassigned activity, grouped by project. */
  listUnassigned(query: { start: number; end: number }): Promise<UnassignedGroup[]>;
  assignUnassigned(input: AssignInput): Promise<EditResult>;

  timeline(query: TimelineQuery): Promise<TimelineData>;
  report(query: ReportQuery): Promise<Report>;
  insights(query: InsightsQuery): Promise<Insights>;
  /** One row per session (subagents counted with their parent) that worked in the range. */
  sessionReport(query: { start: number; end: number }): Promise<SessionReportRow[]>;
  activityCalendar(query: {
    start: number;
    end: number;
    projects?: string[];
    machine?: string;
  }): Promise<ActivityCalendar>;
  timesheet(query: TimesheetQuery): Promise<Timesheet>;

  /** Entries added by hand that overlap the range. */
  listManualEntries(query: { start: number; end: number }): Promise<ManualEntry[]>;
  addManualEntry(input: ManualEntryInput): Promise<EditResult & { id: string }>;
  updateManualEntry(input: ManualEntryUpdate): Promise<EditResult>;
  deleteManualEntry(input: { id: string }): Promise<EditResult>;

  /** This machine and the machines met through sync, with when each was last seen. */
  listMachines(): Promise<MachineSummary[]>;
  /** Syncs through the sync folder setting now (an input error when none is set). */
  syncNow(): Promise<SyncResult>;
  /** Per machine: its last segment, what waits to be imported, its clock, what was skipped and why. */
  syncStatus(): Promise<SyncStatus>;
}

export interface TtEvents {
  /** Subscribe to service events; returns an unsubscribe function. */
  onEvent(listener: (event: ServiceEvent) => void): () => void;
}

// ---------------------------------------------------------------- sync (issue 18)

/** A machine whose data is in this data dir: this one, or one met through its sync segments. */
export interface MachineSummary {
  id: string;
  name: string;
  isLocal: boolean;
  /** when its newest imported segment was written (by its clock); null for this machine */
  lastSeenAt: number | null;
  /** retired with `tt sync forget`: its rows stay, it is no longer expected to write */
  forgotten?: boolean;
}

/** One machine as sync sees it from here (`tt sync status`, Settings). */
export interface MachineSyncStatus extends MachineSummary {
  /** the highest segment imported from it (for this machine: written); null when none */
  lastSegment: number | null;
  /** its segments in the sync folder not imported yet; null when no folder is set or readable */
  pendingImport: number | null;
  /** how far its clock ran ahead of this one's when its latest segment was written */
  clockAheadMs: number | null;
  /** its segments (by number) that were skipped, and why (tried again at every sync) */
  skipped: { seq: number; reason: string }[];
}

export interface SyncStatus {
  /** the sync folder setting (with ~ expanded), or null */
  folder: string | null;
  /** this machine's rows not in a segment yet: the next sync sends them */
  pendingExport: { sessions: number; events: number; edits: number };
  machines: MachineSyncStatus[];
  /** what the person should know (another machine's clock is off) */
  warnings: string[];
  /** the past week's conflicts: which value was kept, and how to switch */
  conflicts: string[];
}

/** What one `tt sync` (or the app's periodic sync) did. */
export interface SyncResult {
  machine: { id: string; name: string };
  /** this machine's new segment, if it had anything new */
  exported: { segment: string | null; sessions: number; events: number; edits: number };
  /** segments of this machine copied to the folder (new ones, or ones the folder lost); over ssh, the segments the host imported of those sent */
  published: number;
  /** over ssh: the segments sent to the host (this machine's and those of others it holds) */
  sent?: number;
  imported: { segments: number; sessions: number; events: number; edits: number };
  /** what could not be read or written, and why; the rest went through */
  skipped: { machine: string; segment: string | null; reason: string }[];
  /** what the person should know: another machine's clock is off ("desktop's clock is 1 day ahead …") */
  warnings: string[];
  /** two machines changed one stream's name (or merge) without seeing each other: which was kept, how to switch */
  conflicts: string[];
}

// ---------------------------------------------------------------- time added by hand (issue 22)

/** Time a person added by hand (a meeting, a call): direct time on its stream, marked as such. */
export interface ManualEntry {
  id: string;
  streamId: string;
  streamName: string;
  project: string | null;
  start: number;
  end: number;
  note: string;
  /** the machine it was added on */
  machineId: string | null;
}

/** A new entry: on a stream (id or unique prefix), or on a project's own stream. */
export interface ManualEntryInput {
  start: number;
  end: number;
  streamId?: string;
  project?: string;
  note?: string;
}

export interface ManualEntryUpdate {
  id: string;
  start?: number;
  end?: number;
  note?: string;
}

// ---------------------------------------------------------------- timesheet (issue 22)

/** direct: your attention (never past the wall clock); active: you or an agent worked; delegated: agents worked. */
export const TIMESHEET_MEASURES = ['direct', 'active', 'delegated'] as const;
export type TimesheetMeasure = (typeof TIMESHEET_MEASURES)[number];
export const TIMESHEET_ROUNDINGS = [6, 15, 30] as const;

export interface TimesheetQuery {
  start: number;
  end: number;
  by: 'project' | 'stream';
  measure: TimesheetMeasure;
  /** round each row up to this many minutes; none when absent */
  roundMinutes?: (typeof TIMESHEET_ROUNDINGS)[number];
  /** project names or globs (`client-*`); every project when absent */
  projects?: string[];
}

export interface TimesheetRow {
  /** the local day, YYYY-MM-DD */
  date: string;
  project: string;
  /** with by = stream */
  stream?: string;
  streamId?: string | null;
  /** the measure's exact time in the row, before rounding */
  ms: number;
  /** decimal hours as billed: rounded up when asked, else to two decimals so that a project's rows add up to its total */
  hours: number;
  /** what was done: the streams' names and sessions' titles, secrets redacted */
  description: string;
  /** the project's hourly rate, when set */
  rate: number | null;
  amount: number | null;
}

export interface TimesheetProjectTotal {
  project: string;
  ms: number;
  hours: number;
  rate: number | null;
  amount: number | null;
}

export interface Timesheet {
  start: number;
  end: number;
  by: 'project' | 'stream';
  measure: TimesheetMeasure;
  roundMinutes: number | null;
  rows: TimesheetRow[];
  projects: TimesheetProjectTotal[];
  total: { ms: number; hours: number; amount: number | null };
  /** how many secrets were redacted from the descriptions */
  redacted: number;
}

// ---------------------------------------------------------------- insights (issue 22)

export interface InsightsQuery {
  start: number;
  end: number;
  /** only these projects (exact names); every figure is narrowed */
  projects?: string[];
  /** only what this machine recorded */
  machine?: string;
}

export interface InsightsRow {
  key: string;
  name: string;
  /** the stream's project (streams only) */
  project?: string | null;
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
  /** the part of direct time added by hand */
  manualMs: number;
}

export type InsightsBucketUnit = 'day' | 'week' | 'month';

export interface InsightsBucket {
  start: number;
  end: number;
  /** per project: [direct, delegated, waiting] ms */
  projects: Record<string, [number, number, number]>;
}

export interface InsightsTrend {
  /** the week's Monday */
  start: number;
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
  /** delegated ÷ direct; null without direct time */
  leverage: number | null;
}

export interface Insights {
  start: number;
  end: number;
  totals: { directMs: number; delegatedMs: number; waitingMs: number; activeMs: number; manualMs: number };
  projects: InsightsRow[];
  streams: InsightsRow[];
  agents: InsightsRow[];
  machines: InsightsRow[];
  unit: InsightsBucketUnit;
  buckets: InsightsBucket[];
  trends: InsightsTrend[];
}

/** Active time per local day, for a year's calendar. */
export interface ActivityCalendar {
  start: number;
  end: number;
  days: { date: string; start: number; activeMs: number; directMs: number }[];
}
