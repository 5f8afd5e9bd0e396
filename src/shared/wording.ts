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
