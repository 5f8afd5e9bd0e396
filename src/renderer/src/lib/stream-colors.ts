import { useCallback, useMemo } from 'react';
import { useStreams } from '../api/queries';
import { useRange } from '../state/ui-store';

/** A calm palette, distinguishable side by side. */
const PALETTE = [
  '#3b6fd1',
  '#2f9e7d',
  '#c7662b',
  '#8a56c2',
  '#c2417a',
  '#3c8fa8',
  '#8c7a2a',
  '#5f6b7a',
  '#d1a22b',
  '#4f9d3a',
  '#b04a4a',
  '#6a6fd8',
];
const UNASSIGNED = '#8a94a3';

/**
 * Colours handed out in the order streams first appeared, so neighbours differ and a stream
 * keeps its colour from day to day (new streams take the next colour).
 */
export function useStreamColors(): (streamId: string | null) => string {
  // The list on screen holds every stream (only the totals depend on the range); same query, cached.
  const range = useRange();
  const all = useStreams(range);
  const byId = useMemo(() => {
    const ordered = [...(all.data ?? [])].sort(
      (a, b) => (a.firstActivity ?? 0) - (b.firstActivity ?? 0) || a.id.localeCompare(b.id),
    );
    return new Map(ordered.map((s, i) => [s.id, PALETTE[i % PALETTE.length]!]));
  }, [all.data]);
  return useCallback(
    (streamId) => (streamId === null ? UNASSIGNED : (byId.get(streamId) ?? UNASSIGNED)),
    [byId],
  );
}
