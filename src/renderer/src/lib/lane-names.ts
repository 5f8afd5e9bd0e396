/** A lane's name in two parts: `head` gives way (cut with "…" by the browser), `tail` always shows. */
export interface LaneNameParts {
  head: string;
  tail: string;
}

/** The end of a name kept in sight when its beginning is shared with another lane's. */
const TAIL_CHARS = 16;
/** A shared beginning this long makes two names look alike once cut. */
const SHARED_CHARS = 8;

/**
 * Splits each lane's name so that, however narrow its label, what tells it apart stays in
 * sight: a name that begins like another's keeps its end ("Write weekly…for billing", "Write
 * weekly…for search"), the others are cut at their end. The whole name is always in the
 * page (the cut is the browser's, once), so assistive technology reads it whole.
 */
export function laneNameParts(names: readonly string[]): LaneNameParts[] {
  return names.map((name, index) => {
    let shared = 0;
    for (let j = 0; j < names.length; j++) {
      const other = names[j]!;
      if (j === index || other === name) continue;
      let k = 0;
      while (k < name.length && k < other.length && name[k] === other[k]) k++;
      shared = Math.max(shared, k);
    }
    if (shared < SHARED_CHARS || shared >= name.length) return { head: name, tail: '' };
    const cut = Math.max(shared, name.length - TAIL_CHARS);
    // Cut at a word's start when one is near, so the tail reads as words.
    const space = name.lastIndexOf(' ', cut);
    const at = space > 0 && cut - space <= 6 ? space : cut;
    return { head: name.slice(0, at), tail: name.slice(at) };
  });
}
