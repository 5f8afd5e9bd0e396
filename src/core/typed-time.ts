// A time as a person types it on the command line: an ISO 8601 date or date-time
// ("2026-02-10", "2026-02-10T21:00", "2026-02-10T21:00:00Z"), or a duration back from now
// ("90m", "12h", "2d", "1w"). Date-only and zone-less forms are read in local time, as
// JavaScript's Date does for a date-time without a zone.

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const RELATIVE = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The largest distance from 1970 that a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** Epoch milliseconds for `text`, or null when it is neither form. `nowMs` anchors relative input. */
export function parseTimeInput(text: string, nowMs: number): number | null {
  const input = text.trim();
  const relative = RELATIVE.exec(input);
  if (relative) {
    const amount = Number(relative[1]);
    const unit = UNIT_MS[relative[2]!.toLowerCase()]!;
    const ms = Math.round(nowMs - amount * unit);
    return Math.abs(ms) <= MAX_DATE_MS ? ms : null;
  }
  const iso = ISO.exec(input);
  if (!iso || !isOnCalendar(iso)) return null;
  // A bare date would be read as UTC midnight by Date.parse; a person means local midnight.
  const normalized = /^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T00:00` : input.replace(' ', 'T');
  const ms = Date.parse(normalized);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Date.parse rolls 2026-02-30 over to March and 24:00 to the next day; a person who typed
 * them made a mistake, so they are refused instead.
 */
function isOnCalendar(iso: RegExpExecArray): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0] = iso.slice(1).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour < 24 && minute < 60 && second < 60
  );
}

export const TIME_INPUT_HELP =
  'an ISO 8601 date or time (2026-02-10, 2026-02-10T21:00Z) or a duration ago (90m, 12h, 2d, 1w)';
