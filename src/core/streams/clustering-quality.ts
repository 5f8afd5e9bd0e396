// How well a proposed grouping of sessions into streams matches the true one (a person's word,
// or a bench's labels). Two standard measures:
// - BCubed, time-weighted: for each session, precision is the share of the time in its
//   proposed stream that truly belongs with it, recall the share of the time truly with it that
//   the proposal put with it; both are averaged over sessions weighted by their time. It
//   punishes a stream that mixes topics (precision) and a topic split in two (recall).
// - Pairwise F1, unweighted: over all pairs of sessions, whether "same stream" agrees.

export interface ClusteredItem {
  /** what the item weighs (a session's duration) */
  weight: number;
  proposed: string;
  truth: string;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function addTo<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Time-weighted BCubed; 1/1/1 for no items (nothing was wrong). */
export function bcubed(items: readonly ClusteredItem[]): PrecisionRecall {
  const both = new Map<string, number>();
  const proposed = new Map<string, number>();
  const truth = new Map<string, number>();
  let total = 0;
  for (const item of items) {
    // A pair key that cannot collide: JSON of the two ids.
    addTo(both, JSON.stringify([item.proposed, item.truth]), item.weight);
    addTo(proposed, item.proposed, item.weight);
    addTo(truth, item.truth, item.weight);
    total += item.weight;
  }
  if (total === 0) return { precision: 1, recall: 1, f1: 1 };
  // Σ_i w_i · W(p_i ∩ t_i) / W(p_i) groups into Σ over (p, t) of W(p ∩ t)² / W(p).
  let precision = 0;
  let recall = 0;
  for (const [key, weight] of both) {
    const [p, t] = JSON.parse(key) as [string, string];
    precision += (weight * weight) / proposed.get(p)!;
    recall += (weight * weight) / truth.get(t)!;
  }
  precision /= total;
  recall /= total;
  return { precision, recall, f1: f1(precision, recall) };
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Pairwise precision, recall and F1; a side with no pairs at all counts as 1. */
export function pairwise(items: readonly ClusteredItem[]): PrecisionRecall {
  const both = new Map<string, number>();
  const proposed = new Map<string, number>();
  const truth = new Map<string, number>();
  for (const item of items) {
    addTo(both, JSON.stringify([item.proposed, item.truth]), 1);
    addTo(proposed, item.proposed, 1);
    addTo(truth, item.truth, 1);
  }
  const sum = (map: Map<string, number>): number => [...map.values()].reduce((a, n) => a + pairs(n), 0);
  const agreeing = sum(both);
  const proposedPairs = sum(proposed);
  const truePairs = sum(truth);
  const precision = proposedPairs === 0 ? 1 : agreeing / proposedPairs;
  const recall = truePairs === 0 ? 1 : agreeing / truePairs;
  return { precision, recall, f1: f1(precision, recall) };
}
