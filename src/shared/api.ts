// The one contract between tt's front ends (window, browser dashboard, CLI) and its
// application service. Every type here crosses a process boundary, so it is plain data:
// times are epoch milliseconds (UTC), never Date objects.

export interface SourceStatus {
  /** e.g. "claude-sessions", "tmux-events" */
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
}

/** Pushed to every open view; `changed` lets views refetch without polling the service. */
export type ServiceEvent =
  | { type: 'changed'; topics: ChangeTopic[] }
  | { type: 'progress'; task: TaskName; done: number; total: number; unit: string; detail?: string }
  | { type: 'task-finished'; task: TaskName; ok: boolean; summary: string };

export type ChangeTopic = 'sessions' | 'events' | 'streams' | 'settings';
export type TaskName = 'index' | 'import' | 'infer';

/**
 * What the renderer may ask of the service. The Electron preload and the dashboard's HTTP
 * client both implement exactly this; the service implements it for the CLI.
 */
export interface TtApi {
  status(): Promise<StatusReport>;
}

export interface TtEvents {
  /** Subscribe to service events; returns an unsubscribe function. */
  onEvent(listener: (event: ServiceEvent) => void): () => void;
}
