// The benches' seeded generators, so that every run writes the same data.

/** mulberry32 (the tests' generator), for the session trees. */
export { seededRandom as random } from '../../tests/helpers/seeded-random';

/** A linear congruential generator: the sections that seed rows have always used this one. */
export function linearCongruential(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
