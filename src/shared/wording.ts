// Words and figures that the command line and the app both show, written once so that they
// read the same in a terminal and in the window.

/** "0m", "<1m" (some time, under a minute), "42m", "1h 05m". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 60_000) return '<1m';
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return `${hours}h ${String(rest).padStart(2, '0')}m`;
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

/** "4 created, 1 updated, 0 removed; 12 sessions and 3 focus events placed": what an inference run did. */
export function inferRunSummary(run: {
  streamsCreated: number;
  streamsUpdated: number;
  streamsRemoved: number;
  sessionsAssigned: number;
  eventsAssigned: number;
}): string {
  return (
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
