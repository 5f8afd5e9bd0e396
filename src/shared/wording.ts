// Words and figures that the command line and the app both show, written once so that they
// read the same in a terminal and in the window.

/** "0m", "<1m" (some time, under a minute), "42m", "1h 05m". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 60_000) return '<1m';
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return `${hours}h ${String(rest).padStart(2, '0')}m`;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** high ≥ 0.8, medium ≥ 0.5, low below. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}
