import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  ChangeTopic,
  EditResult,
  ServiceEvent,
  StreamSummary,
  TimesheetQuery,
  TtApi,
} from '../../../shared/api';
import { yearBefore, type Range } from '../lib/time';
import { explainError } from '../lib/errors';
import { useUi } from '../state/ui-store';
import { useConnection } from '../state/connection-store';
import type { ApiCallError } from '../../../shared/renderer-api';
import { useApi } from './ApiContext';

const statusQuery = (api: TtApi) => ({ queryKey: ['status'], queryFn: () => api.status() });
const settingsQuery = (api: TtApi) => ({ queryKey: ['settings'], queryFn: () => api.getSettings() });

export const useStatus = () => useQuery(statusQuery(useApi()));

export const useSettings = () => useQuery(settingsQuery(useApi()));

/** The machines whose data is here (sync), for Settings and the timeline's machine filter. */
export const useMachines = () => {
  const api = useApi();
  return useQuery({ queryKey: ['settings', 'machines'], queryFn: () => api.listMachines() });
};

/** Where sync stands, per machine (Settings). */
export const useSyncStatus = () => {
  const api = useApi();
  return useQuery({ queryKey: ['settings', 'sync-status'], queryFn: () => api.syncStatus() });
};

const timelineQuery = (api: TtApi, range: Range, machine: string | null) => ({
  queryKey: ['timeline', range.start, range.end, machine],
  queryFn: () => api.timeline(machine === null ? range : { start: range.start, end: range.end, machine }),
});

const streamsQuery = (api: TtApi, range: Range) => ({
  queryKey: ['streams', range.start, range.end],
  queryFn: () => api.listStreams(range),
});

export const useTimeline = (range: Range) => {
  const api = useApi();
  const machine = useUi((s) => s.machine);
  return useQuery({ ...timelineQuery(api, range, machine), placeholderData: (previous) => previous });
};

export const useStreams = (range: Range) => {
  const api = useApi();
  return useQuery({ ...streamsQuery(api, range), placeholderData: (previous) => previous });
};

/**
 * What the page shows first, asked for before anything is drawn: the quick answers (status,
 * settings) ahead of the range's, so they do not arrive later and interrupt drawing the range.
 * Insights asks for its own figures and calendar, not the timeline's: the service answers one
 * request at a time, and a year's timeline it does not show held the page's figures back.
 */
export function prefetchStartup(client: QueryClient, api: TtApi, range: Range): void {
  void client.prefetchQuery(statusQuery(api));
  void client.prefetchQuery(settingsQuery(api));
  const { page, project, machine } = useUi.getState();
  if (page === 'insights') {
    void client.prefetchQuery(insightsQuery(api, range, { project, machine }));
    void client.prefetchQuery(calendarQuery(api, yearBefore(range), { project, machine }));
  } else if (page === 'timeline') prefetchRange(client, api, range);
}

/** Asks for a range's timeline and stream list, unless the cache has them (fresh). */
export function prefetchRange(client: QueryClient, api: TtApi, range: Range): void {
  void client.prefetchQuery(timelineQuery(api, range, useUi.getState().machine));
  void client.prefetchQuery(streamsQuery(api, range));
}

const PREFETCH_MAX_MS = 31 * 24 * 3_600_000;

/**
 * Once the range on screen has its data, fetches the ranges either side of it, so that ‹ and ›
 * paint from the cache at once (the service computes each range's allocation once for both).
 */
export function usePrefetchNeighbours(ranges: readonly Range[], ready: boolean): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => {
    if (!ready) return;
    // Once the range on screen is painted and the page is idle: the neighbours' answers, parsed
    // and stored while the range's first frame is drawn, held that frame back by ~120 ms.
    return whenIdle(() => {
      // A long chosen range costs the server as much again per neighbour: fetched when asked.
      for (const range of ranges.filter((r) => r.end - r.start <= PREFETCH_MAX_MS))
        prefetchRange(client, api, range);
    });
  }, [api, client, ranges, ready]);
}

/** A stream's sessions that touch `range`, or all of them (range null). */
export const useSessions = (streamId: string | null, range: Range | null = null) => {
  const api = useApi();
  return useQuery({
    queryKey: ['sessions', streamId, range?.start ?? null, range?.end ?? null],
    queryFn: () =>
      api.listSessions(
        range ? { streamId: streamId!, since: range.start, until: range.end } : { streamId: streamId! },
      ),
    enabled: streamId !== null,
    placeholderData: (previous) => previous,
  });
};

/** One session's prompts and its times in `range` (fetched only while its details are open). */
export const useSessionDetails = (sessionId: string, range: Range) => {
  const api = useApi();
  return useQuery({
    queryKey: ['session-details', sessionId, range.start, range.end],
    queryFn: () => api.sessionDetails({ sessionId, start: range.start, end: range.end }),
  });
};

/** The range's projects, and its streams that match a project and/or words (see StreamFindQuery). */
export const useFindStreams = (range: Range, project: string, text: string) => {
  const api = useApi();
  return useQuery({
    queryKey: ['find', range.start, range.end, project, text],
    queryFn: () =>
      api.findStreams({
        start: range.start,
        end: range.end,
        project: project || undefined,
        text: text || undefined,
      }),
    placeholderData: (previous) => previous,
  });
};

/** The filters Insights narrows by: a project (or every one) and the toolbar's machine (or every one). */
interface InsightsFilter {
  project: string | null;
  machine: string | null;
}

const narrowed = (range: Range, { project, machine }: InsightsFilter) => ({
  start: range.start,
  end: range.end,
  ...(project ? { projects: [project] } : {}),
  ...(machine ? { machine } : {}),
});

const insightsQuery = (api: TtApi, range: Range, filter: InsightsFilter) => ({
  queryKey: ['insights', range.start, range.end, filter.project, filter.machine],
  queryFn: () => api.insights(narrowed(range, filter)),
});

const calendarQuery = (api: TtApi, range: Range, filter: InsightsFilter) => ({
  queryKey: ['calendar', range.start, range.end, filter.project, filter.machine],
  queryFn: () => api.activityCalendar(narrowed(range, filter)),
});

/** Where a range went, narrowed by project (and the toolbar's machine filter). */
export const useInsights = (range: Range, project: string | null) => {
  const api = useApi();
  const machine = useUi((s) => s.machine);
  return useQuery({
    ...insightsQuery(api, range, { project, machine }),
    placeholderData: (previous) => previous,
  });
};

/** Active time per day of the year that ends with `range` (`yearBefore`). */
export const useActivityCalendar = (range: Range, project: string | null) => {
  const api = useApi();
  const machine = useUi((s) => s.machine);
  return useQuery({
    ...calendarQuery(api, range, { project, machine }),
    placeholderData: (previous) => previous,
  });
};

export const useTimesheet = (query: TimesheetQuery) => {
  const api = useApi();
  return useQuery({
    queryKey: ['timesheet', query],
    queryFn: () => api.timesheet(query),
    placeholderData: (previous) => previous,
  });
};

/** Entries added by hand that overlap the range. */
export const useManualEntries = (range: Range) => {
  const api = useApi();
  return useQuery({
    queryKey: ['manual', range.start, range.end],
    queryFn: () => api.listManualEntries(range),
  });
};

/** What each kind of change makes stale. */
/** Every figure cut from an allocation beside the timeline: stale whenever the timeline is. */
const INSIGHTS_KEYS = ['insights', 'calendar', 'timesheet', 'manual'];

const STALE_BY_TOPIC: Record<ChangeTopic, string[]> = {
  sessions: ['sessions', 'session-details', 'find', 'timeline', 'streams', 'status', ...INSIGHTS_KEYS],
  events: ['timeline', 'streams', 'session-details', 'status', ...INSIGHTS_KEYS],
  streams: ['streams', 'find', 'timeline', 'sessions', 'session-details', 'status', ...INSIGHTS_KEYS],
  settings: ['settings', 'status', 'timeline', 'streams', 'session-details', ...INSIGHTS_KEYS],
};

export function invalidateTopics(client: QueryClient, topics: ChangeTopic[]): void {
  const keys = new Set(topics.flatMap((topic) => STALE_BY_TOPIC[topic]));
  for (const key of keys) void client.invalidateQueries({ queryKey: [key] });
}

/** Listens to the service: changes refetch what they touch; progress feeds the task buttons. */
export function useLiveUpdates(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(
    () =>
      api.onEvent((event: ServiceEvent) => {
        if (event.type === 'changed') invalidateTopics(client, event.topics);
        else if (event.type === 'task-finished') {
          const ui = useUi.getState();
          ui.setTask(event.task, null);
          // A task started elsewhere (the tray, another tab) reports here; ours report their own result.
          if (!ui.localTasks.includes(event.task)) {
            ui.toast({ tone: event.ok ? 'success' : 'error', title: event.summary });
          }
        } else if (event.type === 'progress') {
          const ui = useUi.getState();
          // Our own run has already answered: a straggling progress event must not revive it.
          if (ui.localTasks.includes(event.task) && ui.tasks[event.task] === undefined) return;
          ui.setTask(event.task, {
            done: event.done,
            total: event.total,
            unit: event.unit,
            detail: event.detail,
          });
        }
      }),
    [api, client],
  );
}

/** Whether tt answers this page now; an edit is never shown as done while it does not. */
export const isOnline = (): boolean => useConnection.getState().connection.state === 'connected';

/**
 * The answer to an edit asked for while tt is not answering: nothing is sent and nothing is
 * shown as done; the toast says so, and goes once the page reconnects.
 */
export function refuseOffline(doing: string): boolean {
  if (isOnline()) return false;
  useUi.getState().toast({
    tone: 'error',
    title: `Not saved: ${doing.toLowerCase()} needs tt running`,
    detail: 'tt is not answering this page, so nothing was changed.',
    hint: 'Start it again (see the banner above): this page reconnects by itself, then try again.',
    offline: true,
  });
  return true;
}

/**
 * A person's edit: written through the service, then everything it touches is refetched at
 * once, and a toast says what happened with a way to undo it. While tt does not answer, the
 * edit is refused (see refuseOffline) rather than shown as done.
 */
export function useEdit<Input>(
  run: (input: Input) => Promise<EditResult>,
  doing: string,
  /** Shows the edit's outcome at once (before the service answers); a failure puts the lists back. */
  optimistic?: (client: QueryClient, input: Input) => void,
  /** Edits of this kind fold into one toast: "5 confirmed" (the word after the count). */
  fold?: string,
) {
  const client = useQueryClient();
  const toast = useUi((s) => s.toast);
  return useMutation({
    mutationFn: (input: Input) => {
      if (!isOnline()) {
        const error = new Error('tt is not answering this page') as ApiCallError;
        error.kind = 'unreachable';
        return Promise.reject(error);
      }
      return run(input);
    },
    onMutate: (input: Input) => {
      if (!optimistic || !isOnline()) return undefined;
      // What the lists were, to put back if the edit fails.
      const before = client.getQueriesData<StreamSummary[]>({ queryKey: ['streams'] });
      optimistic(client, input);
      return { before };
    },
    onSuccess: (result) => {
      invalidateTopics(client, ['streams', 'sessions']);
      toast({
        tone: 'success',
        title: result.description,
        undoable: result.canUndo,
        edit: result.description,
        fold: result.changed === false ? undefined : fold,
      });
    },
    onError: (error, _input, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data);
      if (optimistic) invalidateTopics(client, ['streams']);
      if ((error as ApiCallError).kind === 'unreachable') refuseOffline(doing);
      else toast({ tone: 'error', ...explainError(error, doing) });
    },
  });
}

/** Every cached stream list, without the stream `id`. */
export function dropCachedStream(client: QueryClient, id: string): void {
  client.setQueriesData<StreamSummary[]>({ queryKey: ['streams'] }, (list) =>
    list?.filter((s) => s.id !== id),
  );
}

/** Every cached stream list, with `change` applied to the stream `id`. */
export function patchCachedStream(client: QueryClient, id: string, change: Partial<StreamSummary>): void {
  client.setQueriesData<StreamSummary[]>({ queryKey: ['streams'] }, (list) =>
    list?.map((stream) => (stream.id === id ? { ...stream, ...change } : stream)),
  );
}

export function useUndo() {
  const api = useApi();
  const client = useQueryClient();
  const toast = useUi((s) => s.toast);
  return useMutation({
    mutationFn: () => (refuseOffline('Undo') ? Promise.resolve(null) : api.undo()),
    onSuccess: (result) => {
      if (!result) return;
      invalidateTopics(client, ['streams', 'sessions']);
      toast(
        result.undone
          ? { tone: 'info', title: `Undone: ${result.undone}` }
          : { tone: 'info', title: 'Nothing to undo' },
      );
    },
    onError: (error) => toast({ tone: 'error', ...explainError(error, 'Undo') }),
  });
}

export function useRedo() {
  const api = useApi();
  const client = useQueryClient();
  const toast = useUi((s) => s.toast);
  return useMutation({
    mutationFn: () => (refuseOffline('Redo') ? Promise.resolve(null) : api.redo()),
    onSuccess: (result) => {
      if (!result) return;
      invalidateTopics(client, ['streams', 'sessions']);
      toast({
        tone: 'info',
        title: result.redone ? `Redone: ${result.redone}` : 'Nothing to redo',
        undoable: result.redone !== null,
        edit: result.redone ?? undefined,
      });
    },
    onError: (error) => toast({ tone: 'error', ...explainError(error, 'Redo') }),
  });
}

/** Runs `task` when the page is idle (within a second); returns a cancel. Safari has no requestIdleCallback. */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout: 1_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(task, 200);
  return () => window.clearTimeout(id);
}
