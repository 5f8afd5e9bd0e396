// Times as adapters read them: ISO strings (Gemini CLI) or epoch milliseconds (OpenCode).
// Like Claude Code's records, a time before 2000 or after 2199 is not believed.

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** The years a time may fall in, in words: what a refusal of an implausible time says. */
export const PLAUSIBLE_YEARS = '2000–2199';

/** Whether epoch milliseconds fall in 2000–2199: the one rule for a believable time. */
export function isPlausibleMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST && ms < LATEST;
}

/** Epoch milliseconds of a plausible ISO time or millisecond count, else null. */
export function plausibleTime(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'string') ms = Date.parse(value);
  else if (typeof value === 'number') ms = value;
  else return null;
  return isPlausibleMs(ms) ? Math.trunc(ms) : null;
}
