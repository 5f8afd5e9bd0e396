import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { IndexResult, TimelineData, TtApi } from '../../../shared/api';
import { useUi } from '../state/ui-store';
import { dayKey, formatDaySpan, rangeFor } from './time';

/**
 * After "Index now": when the range on screen shows nothing and there is work elsewhere, go to
 * the week of the latest activity and say why in words, so a first index leads to the work
 * rather than to an empty day. A range that already shows work stays put.
 */
export async function showNewWork(result: IndexResult, client: QueryClient, api: TtApi): Promise<void> {
  const { view, day, until, goTo } = useUi.getState();
  const range = rangeFor(view, day, until);
  const onScreen = client.getQueryData<TimelineData>(['timeline', range.start, range.end]);
  if (onScreen && onScreen.lanes.length > 0) return;
  const placed = result.placed;
  if (placed && placed.start < range.end && placed.end >= range.start) return;
  // The background index may have read them first: the status knows the latest activity anyway.
  const latest = placed?.end ?? (await api.status()).latestActivity ?? null;
  if (latest === null || (latest >= range.start && latest < range.end)) return;
  const target = rangeFor('week', dayKey(latest));
  let notice = latestNotice(latest);
  if (placed && placed.sessions > 0) {
    const sessions = `${placed.sessions} session${placed.sessions === 1 ? '' : 's'}`;
    const shown = placed.start >= target.start ? 'showing them.' : 'showing the latest week.';
    notice = `Index now found ${sessions} from ${formatDaySpan(placed.start, placed.end)}; ${shown}`;
  }
  goTo('week', dayKey(latest), notice);
}

const latestNotice = (latest: number) => `Showing the latest activity, on ${formatDaySpan(latest, latest)}.`;

/**
 * On arrival, without a click: when the range on screen is empty, there is work elsewhere, and
 * the person has not chosen a range (no day in the link, no step, no Today), go to the week of
 * the latest activity and say so, once the index (the background one, most likely) has found it.
 * `empty`: the range's timeline has answered, with no lane.
 */
export function useArriveAtWork(empty: boolean, latest: number | null): void {
  useEffect(() => {
    const ui = useUi.getState();
    // A machine filter with nothing on it is that machine's emptiness: stay, and say so (EmptyRange).
    if (!empty || latest === null || ui.rangeChosen || ui.machine !== null) return;
    const range = rangeFor(ui.view, ui.day, ui.until);
    if (latest >= range.start && latest < range.end) return;
    ui.goTo('week', dayKey(latest), latestNotice(latest));
  }, [empty, latest]);
}
