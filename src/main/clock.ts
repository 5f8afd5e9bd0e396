/**
 * tt's clock: Date.now, shifted by TT_CLOCK_OFFSET_MS when that is set. The shift exists for
 * tests (several machines whose clocks disagree, on one computer) and is not a setting.
 */
export const CLOCK_OFFSET_ENV = 'TT_CLOCK_OFFSET_MS';

export function clockFromEnv(env: NodeJS.ProcessEnv): () => number {
  const offset = Number(env[CLOCK_OFFSET_ENV] ?? 0);
  if (!Number.isSafeInteger(offset) || offset === 0) return Date.now;
  return () => Date.now() + offset;
}
