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

/** How long a name suggested from a session's title may be: a prompt is not a name. */
export const SUGGESTED_NAME_MAX_LENGTH = 60;

/** A title shortened to a name: cut at the last word that fits, ending in "…". */
export function shortName(title: string): string {
  if (title.length <= SUGGESTED_NAME_MAX_LENGTH) return title;
  const room = title.slice(0, SUGGESTED_NAME_MAX_LENGTH - 1);
  const space = room.lastIndexOf(' ');
  // A word boundary in the latter half of the room, else a hard cut.
  const cut = space >= SUGGESTED_NAME_MAX_LENGTH / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,.;:–—-]+$/u, '')}…`;
}

/**
 * A name for a stream made from some sessions when the person gives none: the title most of
 * them share (the earliest listed on a tie), shortened (see shortName), else null.
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
  return best === null ? null : shortName(best);
}
