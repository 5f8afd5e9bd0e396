import { useCallback, useMemo } from 'react';
import { useStreams } from '../api/queries';
import { useRange } from '../state/ui-store';
import { streamColor } from './color-scale';

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
    return new Map(ordered.map((s, i) => [s.id, streamColor(i)]));
  }, [all.data]);
  return useCallback(
    (streamId) => (streamId === null ? UNASSIGNED : (byId.get(streamId) ?? UNASSIGNED)),
    [byId],
  );
}
