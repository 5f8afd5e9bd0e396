// What the loader must fetch so that allocating a period gives exactly what allocating a
// longer period and cutting it would give (the "split a period in two and add" property).
//
// - Signals and breaks from one attention window before the period: attention held at the
//   period's start comes from a signal less than a window earlier (and no break since).
// - Activity spans within one session timeout of the period on either side: a gap of at most
//   the timeout between a span outside and a span inside is working time inside the period.
// - Stored turn rows are at most STORED_SPAN_MAX_MS long, so the rows overlapping that range
//   start no earlier than that much before it: found by their start, a week's view walks a
//   week of rows (plus a day), not every row that ends after the week.
// Anything older or later cannot change the result, so a one-week view of a year of data
// reads one week (plus minutes), whatever the size of the store.

import { STORED_SPAN_MAX_MS } from '../transcript/turns';

export interface AllocationMargins {
  /** signals and breaks with signalsFrom <= ts < signalsTo */
  signalsFrom: number;
  signalsTo: number;
  /** activity spans with end >= spansFrom and start <= spansTo */
  spansFrom: number;
  spansTo: number;
  /** …which, as stored, all start at or after this */
  spansStartFrom: number;
}

export function allocationMargins(
  period: { start: number; end: number },
  settings: { attentionWindowMs: number; sessionTimeoutMs: number },
): AllocationMargins {
  return {
    signalsFrom: period.start - settings.attentionWindowMs,
    signalsTo: period.end,
    spansFrom: period.start - settings.sessionTimeoutMs,
    spansTo: period.end + settings.sessionTimeoutMs,
    spansStartFrom: period.start - settings.sessionTimeoutMs - STORED_SPAN_MAX_MS,
  };
}
