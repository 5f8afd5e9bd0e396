// The one rule for a range of time that tt works through (inference windows, a timeline, a
// report). Work grows with the range, so a typo such as 0026 for 2026 must be refused, not
// run: the API's schemas apply this rule to what callers send, and the service applies it to
// the ranges it completes itself (a start defaulted from the end, an end defaulted to now).

const DAY_MS = 24 * 3600_000;

/** Two years: the longest range anything in tt needs (a year's report, with room to spare). */
export const MAX_RANGE_MS = 2 * 366 * DAY_MS;

/** Why the range [start, end) is refused, in words, or null when it is fine. */
export function rangeProblem(start: number, end: number): string | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'the range needs a finite start and end';
  if (!(end > start)) return 'the end of the range must be after its start';
  if (end - start > MAX_RANGE_MS) {
    const years = Math.round((end - start) / (365.25 * DAY_MS));
    return (
      `the range ${dayOf(start)} to ${dayOf(end)} spans ${years} years; ` +
      'tt works through at most two years at a time (is a year mistyped?)'
    );
  }
  return null;
}

function dayOf(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().slice(0, 10);
}
