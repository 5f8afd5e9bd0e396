// Shortening a text without cutting through a token. Half a key is still half a key, and a
// key cut short no longer looks like one to the secret scanner: so the token at the edge of
// a cut goes whole, and the cut is marked ` …` (a space, then the ellipsis).

/** What a shortened text ends with. */
export const CUT_MARK = ' …';

/**
 * How far a cut backs up to white space. A token longer than this (a pasted log line) is cut
 * through: what is kept of it is still far longer than any key, so the scanner judges it whole.
 */
const MAX_BACKUP = 512;

/** `text` if it fits in `limit` characters, else its whole tokens that fit, then CUT_MARK. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - CUT_MARK.length);
  let end = room;
  // text[end] is the first character left out: back up until the cut falls on white space.
  while (end > 0 && room - end < MAX_BACKUP && !/\s/.test(text[end]!)) end--;
  if (end > 0 && !/\s/.test(text[end]!)) end = room;
  return `${text.slice(0, end).trimEnd()}${CUT_MARK}`;
}

/**
 * A text shortened by an older tt, which cut through its last token (`…AKIAIOSFODNN7…`):
 * that token is dropped, as a secret may have been cut there. `dropped` is what was taken.
 */
export function dropTokenCutAtEdge(text: string): { text: string; dropped: string | null } {
  const match = /(^|\s)(\S+)…$/.exec(text);
  if (match === null) return { text, dropped: null };
  return {
    text: `${text.slice(0, match.index + match[1]!.length).trimEnd()}${CUT_MARK}`,
    dropped: match[2]!,
  };
}
