import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StatusReport, TaskName } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { invalidateTopics, useSettings } from '../api/queries';
import { explainError } from '../lib/errors';
import { showNewWork } from '../lib/new-work';
import { useUi, type TaskProgress, type Toast } from '../state/ui-store';
import { OFFLINE_REASON, useOnline } from '../state/connection-store';
import { describeIndexResult, describeInferResult } from '../lib/task-words';
import { dayKey, rangeFor, type Range } from '../lib/time';

function progressText(progress: TaskProgress | 'starting' | undefined): string {
  if (!progress || progress === 'starting') return '';
  if (progress.unit === 'bytes' && progress.total > 0) {
    const percent = Math.floor((progress.done / progress.total) * 100);
    return progress.detail ? `${percent}% · ${progress.detail}` : `${percent}%`;
  }
  const total = progress.total > 0 ? ` of ${progress.total}` : '';
  return `${progress.done}${total} ${progress.unit}`;
}

type Described = { title: string; detail?: string; hint?: string; action?: Toast['action'] };

function useTask<T>(
  task: TaskName,
  run: () => Promise<T>,
  describe: (result: T) => Described,
  doing: string,
  after?: (result: T, client: ReturnType<typeof useQueryClient>) => Promise<void>,
) {
  const client = useQueryClient();
  const { toast, setTask, setLocalTask } = useUi.getState();
  return useMutation({
    mutationFn: async () => {
      setTask(task, 'starting');
      setLocalTask(task, true);
      try {
        return await run();
      } finally {
        setTask(task, null);
        // The service's own "finished" event may arrive just after the answer: still ours.
        setTimeout(() => setLocalTask(task, false), 3000);
      }
    },
    onSuccess: (result) => {
      void after?.(result, client);
      invalidateTopics(client, ['sessions', 'streams', 'events']);
      const described = describe(result);
      toast({ tone: described.hint ? 'error' : 'success', ...described });
    },
    onError: (error) => toast({ tone: 'error', ...explainError(error, doing) }),
  });
}

/**
 * "Index now" and "Infer streams", with live progress in the button and a summary when done.
 * Inference covers the week around what is on screen, so what a person looks at is what changes.
 */
export function TaskButtons({ range }: { range?: Range }) {
  const inferSpan = range ? rangeFor('week', dayKey(range.start)) : {};
  const api = useApi();
  const client = useQueryClient();
  const settings = useSettings();
  const tasks = useUi((s) => s.tasks);
  // Set below, once Index now exists: the offer to add a folder indexes it at once.
  const indexAgain = useRef(() => {});
  // Settings' folders plus `roots`, then an index of them: the way out of "Nothing to index" there.
  const addProjectRoots = (roots: string[]) => {
    const current = settings.data?.effectiveProjectRoots ?? [];
    void api
      .updateSettings({ projectRoots: [...current, ...roots.filter((r) => !current.includes(r))] })
      .then(() => {
        invalidateTopics(client, ['settings']);
        useUi.getState().toast({ tone: 'success', title: `Added to Settings: ${roots.join(', ')}` });
        indexAgain.current();
      })
      .catch((error: unknown) =>
        useUi.getState().toast({ tone: 'error', ...explainError(error, 'Saving settings') }),
      );
  };
  const index = useTask(
    'index',
    () => api.indexSessions(),
    // Once indexed, the status says how many sessions tt holds (read now or by the background index).
    (result) => {
      const { addRoots, ...words } = describeIndexResult(
        result,
        client.getQueryData<StatusReport>(['status'])?.counts.sessions ?? null,
      );
      if (!addRoots) return words;
      return { ...words, action: { label: 'Add to Settings', run: () => addProjectRoots(addRoots) } };
    },
    'Indexing',
    (result, client) => showNewWork(result, client, api),
  );
  const infer = useTask(
    'infer',
    () => api.inferStreams({ mode: 'directory', ...inferSpan }),
    describeInferResult,
    'Inferring streams',
  );
  const inferLlm = useTask(
    'infer',
    () => api.inferStreams({ mode: 'llm', ...inferSpan }),
    describeInferResult,
    'Inferring with Claude',
  );
  useEffect(() => {
    indexAgain.current = () => index.mutate();
  });
  const indexProgress = tasks.index;
  const inferBusy = infer.isPending || inferLlm.isPending;
  const hasKey = settings.data?.hasApiKey ?? false;

  return (
    <div className="task-buttons" role="group" aria-label="Work">
      <TaskButton
        label="Index now"
        busyLabel="Indexing"
        busy={index.isPending || indexProgress !== undefined}
        progress={indexProgress}
        onClick={() => index.mutate()}
        title="Read new and changed Claude Code transcripts"
      />
      <TaskButton
        label="Infer streams"
        busyLabel="Inferring"
        busy={infer.isPending || (!inferLlm.isPending && tasks.infer !== undefined)}
        progress={inferLlm.isPending ? undefined : tasks.infer}
        disabled={inferBusy}
        onClick={() => infer.mutate()}
        title="Group this week's sessions into streams by project (offline)"
      />
      {hasKey && (
        <TaskButton
          label="Infer with Claude"
          busyLabel="Asking Claude"
          busy={inferLlm.isPending}
          progress={inferLlm.isPending ? tasks.infer : undefined}
          disabled={inferBusy}
          onClick={() => inferLlm.mutate()}
          title="Let Claude name and group this week's streams, 24 hours at a time"
        />
      )}
    </div>
  );
}

function TaskButton(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  progress: TaskProgress | 'starting' | undefined;
  onClick: () => void;
  title: string;
  disabled?: boolean;
}) {
  const text = progressText(props.progress);
  const online = useOnline();
  const fraction =
    props.progress && props.progress !== 'starting' && props.progress.total > 0
      ? props.progress.done / props.progress.total
      : null;
  return (
    <button
      type="button"
      className={`task-button${props.busy ? ' busy' : ''}`}
      onClick={props.onClick}
      disabled={props.busy || props.disabled || !online}
      title={online ? props.title : OFFLINE_REASON}
      aria-busy={props.busy}
      data-testid={`task-${props.label.toLowerCase().replace(/\s+/g, '-')}`}
    >
      {props.busy ? `${props.busyLabel}… ${text}` : props.label}
      {props.busy && (
        <span
          className="task-progress"
          role="progressbar"
          aria-label={`${props.busyLabel} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
          style={{ width: fraction === null ? '100%' : `${Math.round(fraction * 100)}%` }}
          data-indeterminate={fraction === null}
        />
      )}
    </button>
  );
}
