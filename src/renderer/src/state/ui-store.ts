import { useMemo } from 'react';
import { create } from 'zustand';
import type { TaskName } from '../../../shared/api';
import { addDays } from 'date-fns/addDays';
import {
  clampZoom,
  dayKey,
  daysIn,
  parseDayKey,
  rangeFor,
  stepDay,
  zoomLevelsFor,
  type Range,
  type View,
} from '../lib/time';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  title: string;
  detail?: string;
  hint?: string;
  /** Offer "Undo" on this toast (after an edit). */
  undoable?: boolean;
  /** The edit Undo would take back (the service's description): Undo shows while it is the last. */
  edit?: string;
  /**
   * Edits of one kind fold into one toast ("5 confirmed"): the word after the count. Another
   * edit of the kind while its toast shows counts up instead of adding a toast.
   */
  fold?: string;
  /** How many edits this toast stands for (folded). */
  count?: number;
  /** Says tt could not be reached: it goes when the page reconnects. */
  offline?: boolean;
  /** A way forward offered on the toast (a button); the toast goes once it is used. */
  action?: { label: string; run: () => void };
}

/** What the one stream picker is asked to do: pick a target stream, then `apply` it. */
export interface PickerRequest {
  /** The dialog's name, e.g. 'Merge "api" into…'. */
  title: string;
  /** Streams that cannot be the target (the stream itself). */
  excludeIds: string[];
  /**
   * Where the work being moved was (project names, "project@branch"): streams there are listed
   * first, same branch before same project, each most recent first.
   */
  near?: string[];
  /** Offer "New stream" as a target too (a move can start a new stream). */
  allowNew?: boolean;
  /** Called with the chosen stream's id, or null for a new stream (named by what was typed). */
  apply(targetId: string | null, typed: string): void;
  /** Where focus goes once the edit has settled (the picker's opener may be gone). */
  focusAfter(targetId: string | null): HTMLElement | null;
}

export interface TaskProgress {
  done: number;
  total: number;
  unit: string;
  detail?: string;
}

/** The top-level page: the timeline (with the stream list) or Insights (with the timesheet). */
export type Page = 'timeline' | 'insights' | 'timesheet';

interface UiState {
  page: Page;
  /** Insights and the timesheet narrowed to one project, or every project (null). */
  project: string | null;
  view: View;
  day: string;
  /** The last day of a chosen range (view 'range'); null otherwise. */
  until: string | null;
  hoursVisible: number;
  selectedStreamId: string | null;
  /** A session picked on the timeline (its stream is selected with it). */
  selectedSessionId: string | null;
  reviewMode: boolean;
  /** The timeline shows only what this machine recorded (a machine id), or every machine's (null). */
  machine: string | null;
  /** The stream the keyboard acts on (j/k move it; c, e, m, s act on it). */
  focusedStreamId: string | null;
  /** The stream whose name is being edited inline. */
  renamingStreamId: string | null;
  picker: PickerRequest | null;
  helpOpen: boolean;
  settingsOpen: boolean;
  toasts: Toast[];
  tasks: Partial<Record<TaskName, TaskProgress | 'starting'>>;
  /** Tasks this view started (their summary comes from the call, not the event). */
  localTasks: TaskName[];
  /**
   * The range on screen was asked for: by the link (a day in it) or by the person (a step,
   * Today, a date). Until then, tt may go to the work by itself (useArriveAtWork).
   */
  rangeChosen: boolean;
  /** A sentence about why this range is on screen ("Index now found …"), for the range it names. */
  rangeNotice: RangeNotice | null;

  setPage(page: Page): void;
  setProject(project: string | null): void;
  setView(view: View): void;
  setDay(day: string): void;
  /** Shows the days from `from` to `until`, inclusive. */
  setCustomRange(from: string, until: string): void;
  step(direction: -1 | 1): void;
  today(): void;
  zoom(direction: 1 | -1): void;
  select(streamId: string | null): void;
  selectSession(streamId: string | null, sessionId: string): void;
  toggleReview(): void;
  setMachine(machine: string | null): void;
  focusStream(streamId: string | null): void;
  setRenaming(streamId: string | null): void;
  openPicker(request: PickerRequest | null): void;
  setHelpOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  toast(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  /** Drops the toasts that said tt could not be reached (it answers again). */
  dismissOffline(): void;
  /** Counts up each time review mode is entered: the list brings its queue into view. */
  reviewEntered: number;
  /** Sessions ticked in the open stream's details: while any are, single letters act on them only. */
  sessionSelection: number;
  setSessionSelection(count: number): void;
  setTask(task: TaskName, progress: TaskProgress | 'starting' | null): void;
  setLocalTask(task: TaskName, local: boolean): void;
  /** Shows a range (and says why, when `notice` is given). */
  goTo(view: View, day: string, notice?: string): void;
  dismissRangeNotice(): void;
}

export interface RangeNotice {
  text: string;
  view: View;
  day: string;
}

/** View, day, review mode, the selected stream and the machine filter live in the URL hash, so a reload (or a shared link) keeps them. */
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

function readHash(): {
  page: Page;
  project: string | null;
  view: View;
  day: string;
  until: string | null;
  reviewMode: boolean;
  selectedStreamId: string | null;
  machine: string | null;
} {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const until = params.get('until');
  const asked = params.get('view');
  const view: View =
    asked === 'week' ? 'week' : asked === 'range' && until && DAY_KEY.test(until) ? 'range' : 'day';
  const day = params.get('day') ?? dayKey(Date.now());
  const page = params.get('page');
  return {
    page: page === 'insights' || page === 'timesheet' ? page : 'timeline',
    project: params.get('project') || null,
    view,
    until: view === 'range' ? until : null,
    day: DAY_KEY.test(day) ? day : dayKey(Date.now()),
    reviewMode: params.get('review') === '1',
    selectedStreamId: params.get('stream'),
    machine: params.get('machine'),
  };
}

function writeHash(state: {
  page: Page;
  project: string | null;
  view: View;
  day: string;
  until: string | null;
  reviewMode: boolean;
  selectedStreamId: string | null;
  machine: string | null;
}): void {
  const params = new URLSearchParams({ view: state.view, day: state.day });
  if (state.page !== 'timeline') params.set('page', state.page);
  if (state.project && state.page !== 'timeline') params.set('project', state.project);
  if (state.view === 'range' && state.until) params.set('until', state.until);
  if (state.reviewMode) params.set('review', '1');
  if (state.selectedStreamId) params.set('stream', state.selectedStreamId);
  if (state.machine) params.set('machine', state.machine);
  const hash = `#${params.toString()}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}

/** A chosen range moved to start on `day` keeps its length; other views have no `until`. */
function untilKeepingLength(state: { view: View; day: string; until: string | null }, day: string) {
  if (state.view !== 'range') return null;
  const length = daysIn(state.view, state.day, state.until);
  return dayKey(addDays(parseDayKey(day), length - 1).getTime());
}

let nextToastId = 1;
const toastTimers = new Map<number, ReturnType<typeof setTimeout>>();

export const useUi = create<UiState>()((set, get) => {
  const initial = readHash();
  const defaultZoom = (view: View, day: string, until?: string | null) =>
    zoomLevelsFor(rangeFor(view, day, until))[0] ?? 24;
  return {
    ...initial,
    rangeChosen: new URLSearchParams(window.location.hash.replace(/^#/, '')).has('day'),
    hoursVisible: defaultZoom(initial.view, initial.day, initial.until),
    focusedStreamId: null,
    renamingStreamId: null,
    picker: null,
    helpOpen: false,
    settingsOpen: false,
    toasts: [],
    tasks: {},
    localTasks: [],
    rangeNotice: null,
    selectedSessionId: null,

    setPage: (page) => set({ page }),
    setProject: (project) => set({ project }),
    setView: (view) => {
      // A range keeps its length when stepping; leaving it for a day or week forgets it.
      const until = view === 'range' ? (get().until ?? get().day) : null;
      set({ view, until, hoursVisible: defaultZoom(view, get().day, until), rangeChosen: true });
    },
    setDay: (day) => set({ day, until: untilKeepingLength(get(), day), rangeChosen: true }),
    setCustomRange: (from, until) => {
      const [first, last] = from <= until ? [from, until] : [until, from];
      set({
        view: 'range',
        day: first,
        until: last,
        hoursVisible: defaultZoom('range', first, last),
        rangeChosen: true,
      });
    },
    step: (direction) => {
      const day = stepDay(get().view, get().day, direction, get().until);
      set({ day, until: untilKeepingLength(get(), day), rangeChosen: true });
    },
    today: () => set({ day: dayKey(Date.now()), rangeChosen: true }),
    zoom: (direction) => {
      const { view, day, until, hoursVisible } = get();
      const levels = zoomLevelsFor(rangeFor(view, day, until));
      const index = levels.indexOf(clampZoom(hoursVisible, rangeFor(view, day, until)));
      const next = levels[Math.min(levels.length - 1, Math.max(0, index + direction))];
      if (next !== undefined) set({ hoursVisible: next });
    },
    select: (streamId) => set({ selectedStreamId: streamId, selectedSessionId: null }),
    selectSession: (streamId, sessionId) => set({ selectedStreamId: streamId, selectedSessionId: sessionId }),
    toggleReview: () =>
      set(
        get().reviewMode
          ? { reviewMode: false }
          : { reviewMode: true, reviewEntered: get().reviewEntered + 1 },
      ),
    setMachine: (machine) => set({ machine }),
    focusStream: (streamId) => set({ focusedStreamId: streamId }),
    setRenaming: (streamId) => set({ renamingStreamId: streamId }),
    openPicker: (request) => set({ picker: request }),
    setHelpOpen: (open) => set({ helpOpen: open }),
    setSettingsOpen: (open) => set({ settingsOpen: open }),
    toast: (toast) => {
      const id = nextToastId++;
      const folded = toast.fold ? get().toasts.find((t) => t.fold === toast.fold) : undefined;
      const count = (folded?.count ?? 0) + 1;
      const others = get().toasts.filter((t) => t !== folded);
      // Keep the last few: an edit streak should not bury the screen (and edits of a kind fold into one).
      set({ toasts: [...others.slice(-2), { ...toast, id, count }] });
      const timer = toastTimers.get(folded?.id ?? -1);
      if (timer) clearTimeout(timer);
      if (toast.tone !== 'error') {
        toastTimers.set(
          id,
          setTimeout(() => get().dismiss(id), toast.undoable ? 10_000 : 6_000),
        );
      }
    },
    dismiss: (id) => {
      toastTimers.delete(id);
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    dismissOffline: () => {
      if (get().toasts.some((t) => t.offline)) set({ toasts: get().toasts.filter((t) => !t.offline) });
    },
    reviewEntered: 0,
    sessionSelection: 0,
    setSessionSelection: (count) => {
      if (get().sessionSelection !== count) set({ sessionSelection: count });
    },
    setTask: (task, progress) => {
      const tasks = { ...get().tasks };
      if (progress === null) delete tasks[task];
      else tasks[task] = progress;
      set({ tasks });
    },
    setLocalTask: (task, local) => {
      const others = get().localTasks.filter((t) => t !== task);
      set({ localTasks: local ? [...others, task] : others });
    },
    goTo: (view, day, notice) => {
      if (view !== get().view) get().setView(view);
      get().setDay(day);
      set({ rangeNotice: notice ? { text: notice, view, day: get().day } : get().rangeNotice });
    },
    dismissRangeNotice: () => set({ rangeNotice: null }),
  };
});

useUi.subscribe((state) => writeHash(state));
window.addEventListener('hashchange', () => {
  const next = readHash();
  const { hoursVisible, view } = useUi.getState();
  const range = rangeFor(next.view, next.day, next.until);
  const zoom = next.view === view ? clampZoom(hoursVisible, range) : (zoomLevelsFor(range)[0] ?? 24);
  useUi.setState({ ...next, hoursVisible: zoom, rangeChosen: true });
});

/** The ranges one step before and after the one on screen (what ‹ and › would show). */
export function useNeighbourRanges(): [Range, Range] {
  const view = useUi((s) => s.view);
  const day = useUi((s) => s.day);
  const until = useUi((s) => s.until);
  return useMemo(() => {
    const state = { view, day, until };
    const [before, after] = ([-1, 1] as const).map((direction) => {
      const next = stepDay(view, day, direction, until);
      return rangeFor(view, next, untilKeepingLength(state, next));
    });
    return [before!, after!];
  }, [view, day, until]);
}

/** The range on screen, from the view, its day and (for a chosen range) its last day. */
export function useRange(): Range {
  const view = useUi((s) => s.view);
  const day = useUi((s) => s.day);
  const until = useUi((s) => s.until);
  return useMemo(() => rangeFor(view, day, until), [view, day, until]);
}
