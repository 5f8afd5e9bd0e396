// The order of the stream pickers (Move…, Merge…, Assign…): the streams a person most likely
// means first: of the same project and branch, then of the same project, each most recently
// active first; then the rest, most recent first.

/** 2: work on the same project and branch ("spotter@dov"); 1: on the same project; 0: elsewhere. */
export function likeness(places: readonly string[], near: ReadonlySet<string>): number {
  let best = 0;
  for (const place of places) {
    if (!near.has(place)) continue;
    best = Math.max(best, place.includes('@') ? 2 : 1);
  }
  return best;
}

export function byLikelihood(
  a: { likeness: number; lastActivity: number; label: string },
  b: { likeness: number; lastActivity: number; label: string },
): number {
  return b.likeness - a.likeness || b.lastActivity - a.lastActivity || a.label.localeCompare(b.label);
}
