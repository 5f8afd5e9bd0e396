/**
 * A small seeded generator (mulberry32): the same numbers for the same seed, so a failing
 * order in a test can be replayed from its seed, and every bench run writes the same data.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed of a randomized test: `TT_TEST_SEED` when given (to replay a failure), a fixed one
 * in CI (so a red run is the same run again), else a new one each run to explore more orders.
 * Printed, so any failure can be replayed.
 */
export function testSeed(test: string): number {
  const given = process.env.TT_TEST_SEED;
  const seed =
    given !== undefined && given !== ''
      ? Number(given)
      : process.env.CI
        ? 20261207
        : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`TT_TEST_SEED must be a whole number, not ${given}`);
  console.log(`${test}: seed ${seed} (TT_TEST_SEED=${seed} replays it)`);
  return seed;
}
