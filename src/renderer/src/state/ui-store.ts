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

/** What the one stream picker is asked to do: pick a target stream, then `apply` it. */
export interface PickerRequest {
  /** The dialog's name, e.g. 'Merge "api" into…'. */
  title: string;
  /** Streams that cannot be the target (the stream itself). */
  excludeIds: string[];
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

interface UiState {
  view: View;
  day: string;
  hoursVisible: number;
  selectedStreamId: string | null;
  reviewMode: boolean;
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

  setView(view: View): void;
  setDay(day: string): void;
  step(direction: -1 | 1): void;
  today(): void;
  zoom(direction: 1 | -1): void;
  select(streamId: string | null): void;
  toggleReview(): void;
  focusStream(streamId: string | null): void;
  setRenaming(streamId: string | null): void;
  openPicker(request: PickerRequest | null): void;
  setHelpOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  toast(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  setTask(task: TaskName, progress: TaskProgress | 'starting' | null): void;
  setLocalTask(task: TaskName, local: boolean): void;
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
    focusedStreamId: null,
    renamingStreamId: null,
    picker: null,
    helpOpen: false,
    settingsOpen: false,
    toasts: [],
    tasks: {},
    localTasks: [],

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
    focusStream: (streamId) => set({ focusedStreamId: streamId }),
    setRenaming: (streamId) => set({ renamingStreamId: streamId }),
    openPicker: (request) => set({ picker: request }),
    setHelpOpen: (open) => set({ helpOpen: open }),
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
