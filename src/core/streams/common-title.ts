import { cleanStreamName } from './stream-model';

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
