import { create } from 'zustand';
import type { TaskName } from '../../../shared/api';
import { clampZoom, dayKey, rangeFor, stepDay, zoomLevelsFor, type View } from '../lib/time';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  title: string;
  detail?: string;
  hint?: string;
  /** Offer "Undo" on this toast (after an edit). */
  undoable?: boolean;
}

export interface TaskProgress {
  done: number;
  total: number;
  unit: string;
  detail?: string;
}

interface UiState {
  view: View;
  day: string;
  hoursVisible: number;
  selectedStreamId: string | null;
  reviewMode: boolean;
  settingsOpen: boolean;
  toasts: Toast[];
  tasks: Partial<Record<TaskName, TaskProgress | 'starting'>>;
  /** Tasks this view started (their summary comes from the call, not the event). */
  localTasks: TaskName[];
  /** A sentence about why this range is on screen ("Index now found …"), for the range it names. */
  rangeNotice: RangeNotice | null;

  setView(view: View): void;
  setDay(day: string): void;
  step(direction: -1 | 1): void;
  today(): void;
  zoom(direction: 1 | -1): void;
  select(streamId: string | null): void;
  toggleReview(): void;
  setSettingsOpen(open: boolean): void;
  toast(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
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

/** View, day, review mode and the selected stream live in the URL hash, so a reload (or a shared link) keeps them. */
function readHash(): { view: View; day: string; reviewMode: boolean; selectedStreamId: string | null } {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const view: View = params.get('view') === 'week' ? 'week' : 'day';
  const day = params.get('day') ?? dayKey(Date.now());
  return {
    view,
    day: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : dayKey(Date.now()),
    reviewMode: params.get('review') === '1',
    selectedStreamId: params.get('stream'),
  };
}

function writeHash(state: {
  view: View;
  day: string;
  reviewMode: boolean;
  selectedStreamId: string | null;
}): void {
  const params = new URLSearchParams({ view: state.view, day: state.day });
  if (state.reviewMode) params.set('review', '1');
  if (state.selectedStreamId) params.set('stream', state.selectedStreamId);
  const hash = `#${params.toString()}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}

let nextToastId = 1;

export const useUi = create<UiState>()((set, get) => {
  const initial = readHash();
  const defaultZoom = (view: View, day: string) => zoomLevelsFor(rangeFor(view, day))[0] ?? 24;
  return {
    ...initial,
    hoursVisible: defaultZoom(initial.view, initial.day),
    settingsOpen: false,
    toasts: [],
    tasks: {},
    localTasks: [],
    rangeNotice: null,

    setView: (view) => set({ view, hoursVisible: defaultZoom(view, get().day) }),
    setDay: (day) => set({ day }),
    step: (direction) => set({ day: stepDay(get().view, get().day, direction) }),
    today: () => set({ day: dayKey(Date.now()) }),
    zoom: (direction) => {
      const { view, day, hoursVisible } = get();
      const levels = zoomLevelsFor(rangeFor(view, day));
      const index = levels.indexOf(clampZoom(hoursVisible, rangeFor(view, day)));
      const next = levels[Math.min(levels.length - 1, Math.max(0, index + direction))];
      if (next !== undefined) set({ hoursVisible: next });
    },
    select: (streamId) => set({ selectedStreamId: streamId }),
    toggleReview: () => set({ reviewMode: !get().reviewMode }),
    setSettingsOpen: (open) => set({ settingsOpen: open }),
    toast: (toast) => {
      const id = nextToastId++;
      // Keep the last few: an edit streak should not bury the screen.
      set({ toasts: [...get().toasts.slice(-3), { ...toast, id }] });
      if (toast.tone !== 'error') {
        setTimeout(() => get().dismiss(id), toast.undoable ? 10_000 : 6_000);
      }
    },
    dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
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
      set({ day, rangeNotice: notice ? { text: notice, view, day } : get().rangeNotice });
    },
    dismissRangeNotice: () => set({ rangeNotice: null }),
  };
});

useUi.subscribe((state) => writeHash(state));
window.addEventListener('hashchange', () => {
  const next = readHash();
  const { hoursVisible, view } = useUi.getState();
  const range = rangeFor(next.view, next.day);
  const zoom = next.view === view ? clampZoom(hoursVisible, range) : (zoomLevelsFor(range)[0] ?? 24);
  useUi.setState({ ...next, hoursVisible: zoom });
});
