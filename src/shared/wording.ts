// Words and figures that the command line and the app both show, written once so that they
// read the same in a terminal and in the window.

import { format } from 'date-fns/format';

/** "0m", "<1m" (some time, under a minute), "42m", "1h 05m". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 60_000) return '<1m';
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return `${hours}h ${String(rest).padStart(2, '0')}m`;
}

/**
 * How far another machine's clock runs ahead (sync's warning, `tt sync status`, Settings), in
 * the largest unit that (nearly) fits: "3 min", "2 h", "1 day". Measured skews run a little
 * short (a segment takes time to arrive), so 23 h 59 min reads as a day.
 */
export function formatSkew(ms: number): string {
  const units: [number, string][] = [
    [24 * 3600_000, 'day'],
    [3600_000, 'h'],
    [60_000, 'min'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size * 0.95) {
      const n = Math.round(ms / size);
      return unit === 'day' ? `${n} day${n === 1 ? '' : 's'}` : `${n} ${unit}`;
    }
  }
  return `${Math.round(ms / 1000)} s`;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** high ≥ 0.8, medium ≥ 0.5, low below. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}

/** How long a session's label may be, in characters (the rest is cut, ending in "…"). */
export const SESSION_LABEL_CHARS = 80;

/** How a person recognises a session: its title, else the summary, else the first prompt. */
export function sessionTitle(session: {
  customTitle: string | null;
  summary: string | null;
  firstPrompt: string | null;
}): string | null {
  return session.customTitle ?? session.summary ?? session.firstPrompt;
}

/**
 * A session in a line of text: its title on one line, cut to SESSION_LABEL_CHARS (in quotes
 * with `quoted`, as inside a sentence), else "session" and the start of its id.
 */
export function sessionLabel(title: string | null, sessionId: string, quoted = false): string {
  const text = title?.replace(/\s+/g, ' ').trim();
  if (!text) return `session ${sessionId.length > 12 ? `${sessionId.slice(0, 8)}…` : sessionId}`;
  const cut = text.length > SESSION_LABEL_CHARS ? `${text.slice(0, SESSION_LABEL_CHARS - 1)}…` : text;
  return quoted ? `"${cut}"` : cut;
}

/** "12 indexed, 3 unchanged, 1 skipped": what an index run did, in the CLI, the app and the tray. */
export function indexRunSummary(run: {
  filesIndexed: number;
  filesUnchanged: number;
  filesSkipped: number;
}): string {
  return `${run.filesIndexed} indexed, ${run.filesUnchanged} unchanged, ${run.filesSkipped} skipped`;
}

/**
 * "4 created, 1 updated, 0 removed; 12 sessions and 3 focus events placed": what an inference
 * run did; an offline run that kept Claude's streams says so first ("kept 49 streams Claude
 * inferred; …"), one that regrouped them says how many.
 */
export function inferRunSummary(run: {
  streamsCreated: number;
  streamsUpdated: number;
  streamsRemoved: number;
  sessionsAssigned: number;
  eventsAssigned: number;
  keptLlmStreams?: number;
  replacedLlmStreams?: string[];
}): string {
  const kept = run.keptLlmStreams ?? 0;
  const replaced = run.replacedLlmStreams?.length ?? 0;
  const prefix =
    kept > 0
      ? `kept ${kept} ${kept === 1 ? 'stream' : 'streams'} Claude inferred; `
      : replaced > 0
        ? `regrouped ${replaced} ${replaced === 1 ? 'stream' : 'streams'} Claude inferred; `
        : '';
  return (
    prefix +
    `${run.streamsCreated} created, ${run.streamsUpdated} updated, ${run.streamsRemoved} removed; ` +
    `${run.sessionsAssigned} sessions and ${run.eventsAssigned} focus events placed`
  );
}

/** The figures every view shows. */
export type Figure = 'direct' | 'delegated' | 'waiting' | 'active';

/**
 * What each figure is called and means: the one wording for the app's headings, legend and
 * tooltips and for the README ("How time is counted" quotes `meaning` word for word).
 */
export const FIGURES: Record<Figure, { name: string; legend: string; meaning: string }> = {
  direct: {
    name: 'Direct',
    legend: 'direct (your attention)',
    meaning:
      'Your attention on the work: prompting, or looking at its terminal. One stream at a time, never more than the clock.',
  },
  delegated: {
    name: 'Delegated',
    legend: 'delegated (agents working)',
    meaning:
      'Agents working on turns you handed them, whether or not you were watching: it overlaps direct time, and agents in different streams add up, so it can exceed the clock.',
  },
  waiting: {
    name: 'Waiting',
    legend: 'waiting on you',
    meaning:
      'Agents idle because they needed you: finished, or asking. Part of neither direct nor delegated time.',
  },
  active: {
    name: 'Active',
    legend: 'active (you or an agent)',
    meaning: 'Time with any activity, direct or delegated, each moment counted once.',
  },
};
/** "10–12 Feb 2026", "28 Jan – 2 Feb 2026", "12 Feb 2026": the local days a span touches. */
export function formatDaySpan(start: number, end: number): string {
  if (format(start, 'yyyy-MM-dd') === format(end, 'yyyy-MM-dd')) return format(start, 'd MMM yyyy');
  if (format(start, 'MMM yyyy') === format(end, 'MMM yyyy')) {
    return `${format(start, 'd')}–${format(end, 'd MMM yyyy')}`;
  }
  if (format(start, 'yyyy') === format(end, 'yyyy')) {
    return `${format(start, 'd MMM')} – ${format(end, 'd MMM yyyy')}`;
  }
  return `${format(start, 'd MMM yyyy')} – ${format(end, 'd MMM yyyy')}`;
}

/** "12 Feb 14:03": when a person did something, as a placement's reason says it. */
export function formatEditTime(ms: number): string {
  return format(ms, 'd MMM HH:mm');
}

/** What an inference run is called in the undo log, the toast and the toolbar: "Inference of 7–13 Dec 2026". */
export function inferenceEditName(mode: 'directory' | 'llm', start: number, end: number): string {
  return `${mode === 'llm' ? 'Inference with Claude' : 'Inference'} of ${formatDaySpan(start, Math.max(start, end - 1))}`;
}

/**
 * What a dry run with Claude says before anything is paid for: how many requests would be
 * sent, their size, and the windows with sessions that would not be sent, with why (the CLI's
 * dry run and the app's preview say the same).
 */
export function llmRunPreview(result: {
  windows: readonly {
    start: number;
    end: number;
    sessionCount: number;
    prompt?: string;
    promptChars?: number;
    estimatedTokens?: number;
    note?: string;
  }[];
}): {
  requests: number;
  chars: number;
  tokens: number;
  notSent: { start: number; end: number; sessionCount: number; why: string }[];
} {
  const sent = result.windows.filter((w) => w.prompt !== undefined);
  return {
    requests: sent.length,
    chars: sent.reduce((sum, w) => sum + (w.promptChars ?? 0), 0),
    tokens: sent.reduce((sum, w) => sum + (w.estimatedTokens ?? 0), 0),
    notSent: result.windows
      .filter((w) => w.prompt === undefined && w.sessionCount > 0)
      .map((w) => ({
        start: w.start,
        end: w.end,
        sessionCount: w.sessionCount,
        why: w.note ?? 'nothing to ask',
      })),
  };
}

/** The Undo button's words for the edit it takes back: "Undo inference of 7–13 Dec 2026", "Undo: Renamed …". */
export function undoLabel(description: string): string {
  return description.startsWith('Inference')
    ? `Undo ${description.charAt(0).toLowerCase()}${description.slice(1)}`
    : `Undo: ${description}`;
}
