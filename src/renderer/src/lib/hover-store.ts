import { useSyncExternalStore } from 'react';
import type { Interval, SessionMarker } from '../../../shared/api';
import type { PreparedLane } from './timeline-lanes';

/** What the pointer (or keyboard focus) is on in the timeline, for its tooltip. */
export interface TimelineHover {
  x: number;
  y: number;
  lane: PreparedLane;
  direct: Interval | null;
  delegated: Interval | null;
  session: SessionMarker | null;
}

/**
 * The timeline's hover, outside React state: moving the pointer redraws the tooltip only, not
 * the lanes (as state of the timeline, every move drew every lane again).
 */
export interface HoverStore {
  get(): TimelineHover | null;
  set(hover: TimelineHover | null): void;
  subscribe(listener: () => void): () => void;
}

export function createHoverStore(): HoverStore {
  let current: TimelineHover | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(hover) {
      if (hover === current) return;
      current = hover;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useHover = (store: HoverStore): TimelineHover | null =>
  useSyncExternalStore(store.subscribe, store.get);
