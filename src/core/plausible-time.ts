// The one rule for times tt reads from outside (every agent's records, the focus spool, rows
// another machine's segments carry): a time before 2000 or after 2199 is a zero or corrupt
// date (0001-01-01, 9999-12-31, +275760-09-13): it would stretch a session over millennia.
// Its record still counts (as a message, say); only its time is ignored.

export const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
/** The first millisecond that is too late: 2200-01-01. */
export const LATEST_PLAUSIBLE_MS = Date.UTC(2200, 0, 1);

/** The years a time may fall in, in words: what a refusal of an implausible time says. */
export const PLAUSIBLE_YEARS = '2000–2199';

/** What a skipped time is called wherever tt counts it. */
export const IMPLAUSIBLE_TIME = 'timestamp before 2000 or after 2199 (its time ignored)';

export function isPlausibleTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_PLAUSIBLE_MS && ms < LATEST_PLAUSIBLE_MS;
}

/** Epoch milliseconds of a plausible ISO time or millisecond count; null for any other value. */
export function plausibleTime(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'string') ms = Date.parse(value);
  else if (typeof value === 'number') ms = value;
  else return null;
  return isPlausibleTime(ms) ? Math.trunc(ms) : null;
}
