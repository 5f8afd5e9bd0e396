// What a stream's name may be, written once: inference cleans the names it proposes with
// cleanStreamName, and a person's name is checked by streamNameSchema (api-schemas.ts) with the
// same one-line rule and bound; the app and the CLI suggest a name with commonTitle.

/** The longest stream name tt keeps. */
export const STREAM_NAME_MAX_LENGTH = 120;

/** One line: breaks, tabs and control characters (a terminal escape) become single spaces. */
export function oneLineName(name: string): string {
  return name.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/** One line and bounded (cut with "…"); an empty name becomes `fallback`. */
export function cleanStreamName(name: string, fallback = 'Untitled stream'): string {
  const cleaned = oneLineName(name);
  if (cleaned.length === 0) return fallback;
  if (cleaned.length <= STREAM_NAME_MAX_LENGTH) return cleaned;
  return `${cleaned.slice(0, STREAM_NAME_MAX_LENGTH - 1).trimEnd()}…`;
}

/**
 * A name for a stream made from some sessions when the person gives none: the title most of
 * them share (the earliest listed on a tie), else null.
 */
export function commonTitle(titles: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const raw of titles) {
    if (!raw) continue;
    const title = cleanStreamName(raw, '');
    if (!title) continue;
    const count = (counts.get(title) ?? 0) + 1;
    counts.set(title, count);
    if (best === null || count > (counts.get(best) ?? 0)) best = title;
  }
  return best;
}
