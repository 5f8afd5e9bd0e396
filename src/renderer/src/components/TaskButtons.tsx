import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResult, StatusReport, TaskName } from '../../../shared/api';
import { describePrivacy } from '../../../shared/privacy-summary';
import { llmRunPreview } from '../../../shared/wording';
import { useApi } from '../api/ApiContext';
import { invalidateTopics, useSettings, useStreams } from '../api/queries';
import { ConfirmDialog } from './ConfirmDialog';
import { explainError } from '../lib/errors';
import { showNewWork } from '../lib/new-work';
import { useUi, type TaskProgress, type Toast } from '../state/ui-store';
import { OFFLINE_REASON, useOnline } from '../state/connection-store';
import { describeIndexResult, describeInferResult } from '../lib/task-words';
import { dayKey, formatBlock, rangeFor, type Range } from '../lib/time';

function progressText(progress: TaskProgress | 'starting' | undefined): string {
  if (!progress || progress === 'starting') return '';
  if (progress.unit === 'bytes' && progress.total > 0) {
    const percent = Math.floor((progress.done / progress.total) * 100);
    return progress.detail ? `${percent}% · ${progress.detail}` : `${percent}%`;
  }
  const total = progress.total > 0 ? ` of ${progress.total}` : '';
  return `${progress.done}${total} ${progress.unit}`;
}

type Described = {
  title: string;
  detail?: string;
  hint?: string;
  action?: Toast['action'];
  /** A run that changed something is an edit: its toast offers Undo, naming the run. */
  edit?: string | null;
};

/** Runs a task of this page: its progress shows here, and the service's "finished" is not toasted again. */
async function asOwnTask<T>(task: TaskName, run: () => Promise<T>): Promise<T> {
  const { setTask, setLocalTask } = useUi.getState();
  setTask(task, 'starting');
  setLocalTask(task, true);
  try {
    return await run();
  } finally {
    setTask(task, null);
    // The service's own "finished" event may arrive just after the answer: still ours.
    setTimeout(() => setLocalTask(task, false), 3000);
  }
}

function useTask<T>(
  task: TaskName,
  run: () => Promise<T>,
  describe: (result: T) => Described,
  doing: string,
  after?: (result: T, client: ReturnType<typeof useQueryClient>) => Promise<void>,
) {
  const client = useQueryClient();
  const { toast } = useUi.getState();
  return useMutation({
    mutationFn: () => asOwnTask(task, run),
    onSuccess: (result) => {
      void after?.(result, client);
      invalidateTopics(client, ['sessions', 'streams', 'events']);
      const { edit, ...described } = describe(result);
      // A run that changed something is an edit: its toast offers Undo, naming the run.
      toast({
        tone: described.hint ? 'error' : 'success',
        ...described,
        ...(edit ? { undoable: true, edit } : {}),
      });
    },
    onError: (error) => toast({ tone: 'error', ...explainError(error, doing) }),
  });
}

/**
 * "Index now" and "Infer streams", with live progress in the button and a summary when done.
 * Inference covers the week around what is on screen, so what a person looks at is what changes.
 */
export function TaskButtons({ range }: { range?: Range }) {
  const week = range ? rangeFor('week', dayKey(range.start)) : null;
  const inferSpan = week ?? {};
  const api = useApi();
  const client = useQueryClient();
  // What a run would do, shown before it does it: Claude's requests, or the streams replaced.
  const [preview, setPreview] = useState<{ kind: 'llm' | 'regroup'; result: InferResult } | null>(null);
  const toast = useUi((s) => s.toast);
  const dryRun = useMutation({
    // Ours: the service's "finished" for this dry run is not a run to report.
    mutationFn: (kind: 'llm' | 'regroup') =>
      asOwnTask('infer', () =>
        api.inferStreams(
          kind === 'llm'
            ? { mode: 'llm', dryRun: true, ...inferSpan }
            : { mode: 'directory', replaceLlm: true, dryRun: true, ...inferSpan },
        ),
      ),
    onSuccess: (result, kind) => setPreview({ kind, result }),
    onError: (error) => toast({ tone: 'error', ...explainError(error, 'Preparing inference') }),
  });
  const weekStreams = useStreams(week ?? { start: 0, end: 1 });
  const claudeStreamsInWeek =
    week !== null &&
    (weekStreams.data ?? []).some(
      (s) =>
        s.source === 'llm' &&
        s.lastActivity !== null &&
        s.firstActivity !== null &&
        s.lastActivity >= week.start &&
        s.firstActivity < week.end,
    );
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
  const regroup = useTask(
    'infer',
    () => api.inferStreams({ mode: 'directory', replaceLlm: true, ...inferSpan }),
    describeInferResult,
    'Regrouping offline',
  );
  const indexProgress = tasks.index;
  const inferBusy = infer.isPending || inferLlm.isPending || regroup.isPending || dryRun.isPending;
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
        title="Group this week's sessions into streams by project (offline); streams Claude inferred are kept"
      />
      {claudeStreamsInWeek && (
        <TaskButton
          label="Regroup offline…"
          busyLabel="Regrouping"
          busy={regroup.isPending}
          progress={regroup.isPending ? tasks.infer : undefined}
          disabled={inferBusy}
          onClick={() => dryRun.mutate('regroup')}
          title="Replace the streams Claude inferred this week with one stream per project (asks first)"
        />
      )}
      {hasKey && (
        <TaskButton
          label="Infer with Claude"
          busyLabel="Asking Claude"
          busy={inferLlm.isPending}
          progress={inferLlm.isPending ? tasks.infer : undefined}
          disabled={inferBusy}
          onClick={() => dryRun.mutate('llm')}
          title="Let Claude name and group this week's streams, 24 hours at a time (shows what will be sent first)"
        />
      )}
      <InferPreview
        preview={preview}
        onCancel={() => setPreview(null)}
        onConfirm={() => {
          const kind = preview?.kind;
          setPreview(null);
          if (kind === 'llm') inferLlm.mutate();
          else if (kind === 'regroup') regroup.mutate();
        }}
      />
    </div>
  );
}

/** The question before a run with Claude (what is sent, what it costs) or a regroup (what is replaced). */
function InferPreview(props: {
  preview: { kind: 'llm' | 'regroup'; result: InferResult } | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { preview } = props;
  if (preview?.kind === 'regroup') {
    const names = preview.result.replacedLlmStreams ?? [];
    return (
      <ConfirmDialog
        open
        title="Regroup this week offline?"
        confirmLabel={names.length > 0 ? `Replace ${names.length} Claude streams` : 'Nothing to replace'}
        canConfirm={names.length > 0}
        onConfirm={props.onConfirm}
        onCancel={props.onCancel}
        testId="regroup-preview"
      >
        <p>
          These {names.length} {names.length === 1 ? 'stream' : 'streams'} Claude inferred will be replaced by
          one stream per project and branch. Streams you renamed, confirmed or made, and sessions you moved,
          stay as they are. Undo takes it back.
        </p>
        <ul>
          {names.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </ConfirmDialog>
    );
  }
  const result = preview?.result;
  const summary = result ? llmRunPreview(result) : null;
  return (
    <ConfirmDialog
      open={preview?.kind === 'llm'}
      title="Infer this week with Claude?"
      confirmLabel={
        summary && summary.requests > 0
          ? `Send ${summary.requests} ${summary.requests === 1 ? 'request' : 'requests'}`
          : 'Nothing to send'
      }
      canConfirm={(summary?.requests ?? 0) > 0}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
      testId="llm-preview"
    >
      {summary && result && (
        <>
          <p data-testid="llm-preview-cost">
            {summary.requests} {summary.requests === 1 ? 'request' : 'requests'} to Claude, about{' '}
            {summary.tokens.toLocaleString()} input tokens ({summary.chars.toLocaleString()} characters).
          </p>
          <p>Redacted before sending: {describePrivacy(result)}.</p>
          {summary.notSent.length > 0 && (
            <>
              <p>Already decided, not sent:</p>
              <ul>
                {summary.notSent.map((w) => (
                  <li key={w.start}>
                    {formatBlock(w.start, w.end)}: {w.sessionCount}{' '}
                    {w.sessionCount === 1 ? 'session' : 'sessions'}, {w.why}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </ConfirmDialog>
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
