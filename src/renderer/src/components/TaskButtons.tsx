import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IndexResult, InferResult, TaskName } from '../../../shared/api';
import { describePrivacy } from '../../../shared/privacy-summary';
import { useApi } from '../api/ApiContext';
import { invalidateTopics, useSettings } from '../api/queries';
import { explainError } from '../lib/errors';
import { showNewWork } from '../lib/new-work';
import { useUi, type TaskProgress } from '../state/ui-store';
import { dayKey, rangeFor, type Range } from '../lib/time';

export function describeIndexResult(result: IndexResult): { title: string; detail?: string; hint?: string } {
  if (result.filesSeen === 0) {
    const where = [...result.roots, ...result.missingRoots].join(', ') || 'the configured folders';
    return {
      title: 'Nothing to index',
      detail: `No Claude Code transcripts were found in ${where}.`,
      hint: 'Check the projects folders in Settings; Claude Code writes its sessions to ~/.claude/projects.',
    };
  }
  const skipped = Object.entries(result.skippedReasons)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  const placed = result.placed;
  return {
    title:
      result.sessionsWritten === 0 && !placed
        ? `Indexed ${result.filesSeen} files: nothing new since the last index`
        : `Indexed ${result.filesSeen} files: ${result.sessionsWritten} sessions updated` +
          (placed ? `, ${placed.sessions} new grouped into ${placed.streams} streams by project` : ''),
    detail:
      `${result.filesIndexed} read, ${result.filesUnchanged} unchanged` +
      (result.filesSkipped > 0 ? `, ${result.filesSkipped} skipped` : '') +
      (skipped ? ` (${skipped})` : '') +
      ` · ${(result.durationMs / 1000).toFixed(1)} s`,
  };
}

export function describeInferResult(result: InferResult): { title: string; detail?: string; hint?: string } {
  const failed = result.windows.filter((w) => !w.ok);
  const title =
    `Inferred streams ${result.mode === 'llm' ? 'with Claude' : 'by project'}: ` +
    `${result.streamsCreated} new, ${result.streamsUpdated} updated, ${result.sessionsAssigned} sessions assigned`;
  const sessions = result.windows.reduce((n, w) => n + w.sessionCount, 0);
  if (failed.length === 0 && sessions === 0 && result.sessionsAssigned === 0) {
    return {
      title: 'Nothing to infer in this week',
      detail: 'No sessions were found in the week on screen.',
      hint: 'Index first (Index now), or go to a week with sessions.',
    };
  }
  // What was kept from Claude: the person should see that secrets did not leave the machine.
  const privacy = result.mode === 'llm' ? `Sent to Claude: ${describePrivacy(result)}.` : undefined;
  if (failed.length === 0) return { title, ...(privacy ? { detail: privacy } : {}) };
  const errors = [...new Set(failed.map((w) => w.error ?? 'unknown error'))];
  // The first reason in words (a refused key, the network), with its way out.
  const explained = explainError(new Error(errors[0]), 'Inference with Claude');
  // Windows without sessions have nothing to lose; if every window with work failed, nothing happened.
  const withWork = result.windows.filter((w) => w.sessionCount > 0 || !w.ok);
  if (failed.length === withWork.length) {
    return {
      title: explained.title,
      detail: `${errors.join('; ')}. Nothing was changed.`,
      hint: explained.hint ?? 'Try again in a moment.',
    };
  }
  return {
    title,
    detail: `${failed.length} of ${result.windows.length} windows failed: ${errors.join('; ')}${privacy ? `. ${privacy}` : ''}`,
    hint: explained.hint ?? 'Those windows were left as they were; run it again to retry them.',
  };
}

function progressText(progress: TaskProgress | 'starting' | undefined): string {
  if (!progress || progress === 'starting') return '';
  if (progress.unit === 'bytes' && progress.total > 0) {
    const percent = Math.floor((progress.done / progress.total) * 100);
    return progress.detail ? `${percent}% · ${progress.detail}` : `${percent}%`;
  }
  const total = progress.total > 0 ? ` of ${progress.total}` : '';
  return `${progress.done}${total} ${progress.unit}`;
}

function useTask<T>(
  task: TaskName,
  run: () => Promise<T>,
  describe: (result: T) => { title: string; detail?: string; hint?: string },
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
  const settings = useSettings();
  const tasks = useUi((s) => s.tasks);
  const index = useTask(
    'index',
    () => api.indexSessions(),
    describeIndexResult,
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
  const fraction =
    props.progress && props.progress !== 'starting' && props.progress.total > 0
      ? props.progress.done / props.progress.total
      : null;
  return (
    <button
      type="button"
      className={`task-button${props.busy ? ' busy' : ''}`}
      onClick={props.onClick}
      disabled={props.busy || props.disabled}
      title={props.title}
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
