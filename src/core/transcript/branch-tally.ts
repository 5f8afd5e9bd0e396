// How many of a session's messages were written on each git branch (Claude Code's gitBranch).
// A session that changes branch midway belongs to the branch where most of its records are.
// Kept as [branch, count] pairs: the tally lives in the resumable parser state (plain JSON),
// and pairs cannot collide with object keys such as __proto__.

export type BranchTally = [branch: string, records: number][];

/** Counts one record on `branch` (mutates and returns the tally). */
export function countBranch(tally: BranchTally, branch: string): BranchTally {
  const entry = tally.find(([name]) => name === branch);
  if (entry) entry[1] += 1;
  else tally.push([branch, 1]);
  return tally;
}

/** The branch with the most records (ties: the name that sorts first) and its share of them; null when none. */
export function majorityBranch(tally: BranchTally | undefined): { branch: string; share: number } | null {
  if (!tally || tally.length === 0) return null;
  let best = tally[0]!;
  let total = 0;
  for (const entry of tally) {
    total += entry[1];
    if (entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return { branch: best[0], share: best[1] / total };
}
