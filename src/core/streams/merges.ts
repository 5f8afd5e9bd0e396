// A merged stream lives on in the stream it was merged into: whatever points at the merged
// stream (an assignment, an inference proposal) means its target. The one way to follow merges.

/**
 * Where a stream's work lives now: itself, or the stream it was (transitively) merged into.
 * `mergedIntoOf` says what a stream was merged into (null or undefined: not merged). A cycle,
 * which is never stored, stops instead of looping.
 */
export function followMerges(id: string, mergedIntoOf: (id: string) => string | null | undefined): string {
  let current = id;
  const seen = new Set<string>();
  for (;;) {
    const next = mergedIntoOf(current);
    if (next == null || seen.has(current)) return current;
    seen.add(current);
    current = next;
  }
}
