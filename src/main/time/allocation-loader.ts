// Reads what one allocation needs from the store, and nothing more: signals from one
// attention window before the period, activity spans within one session timeout of it
// (see core/time/allocation-margins.ts for why that is exactly enough).
//
// Sessions and events with no stream assignment come back with streamId null: unassigned.
// A subagent's work goes to its parent's stream (falling back to its own assignment when
// the parent has none), and its records never count as the person's attention.

import type {
  ActivitySpan,
  AllocationInput,
  AttentionSignal,
  SignalKind,
} from '../../core/time/allocation-types';
import { followMerges } from '../../core/streams/merges';
import { allocationMargins } from '../../core/time/allocation-margins';
import type { AllocationView, TimeReadModel } from './time-read-model';

export interface AllocationSettings {
  attentionWindowMs: number;
  sessionTimeoutMs: number;
}

const SIGNAL_KINDS: Record<string, SignalKind> = { 'pane-focus': 'focus', scroll: 'scroll' };

/** The stream an assignment points at, after following merges (a merged stream lives on in its target). */
export type StreamResolver = (streamId: string | null) => string | null;

/** A resolver over merges as stored: [id, merged_into] of every merged stream. */
export function streamResolver(merges: Iterable<readonly [string, string]>): StreamResolver {
  const mergedInto = new Map(merges);
  if (mergedInto.size === 0) return (id) => id;
  return (id) => (id === null ? null : followMerges(id, (stream) => mergedInto.get(stream)));
}

export function loadAllocationInput(
  reads: TimeReadModel,
  period: { start: number; end: number },
  settings: AllocationSettings,
  resolve: StreamResolver = streamResolver(reads.merges()),
  view: AllocationView = {},
): AllocationInput {
  const margins = allocationMargins(period, settings);

  const signals: AttentionSignal[] = [];
  const breaks: number[] = [];
  for (const [ts, type, streamId] of reads.signalEvents(margins.signalsFrom, margins.signalsTo, view)) {
    const kind = SIGNAL_KINDS[type];
    if (kind) signals.push({ ts, kind, streamId: resolve(streamId) });
    else breaks.push(ts);
  }

  // A prompt whose session row is missing still counts, as unassigned; a subagent's never does.
  for (const [ts, streamId, sessionId] of reads.promptSignals(margins.signalsFrom, margins.signalsTo, view)) {
    signals.push({ ts, kind: 'prompt', streamId: resolve(streamId), sessionId });
  }

  // Turns and waits, as the indexer recorded them (core/transcript/turns.ts); sessions indexed
  // before turns were recorded carry their old activity as one turn (migration 006).
  const spans: ActivitySpan[] = [];
  const turns = reads.turns(margins.spansStartFrom, margins.spansTo, margins.spansFrom, view);
  for (const [sessionId, kind, joinKey, start, end, parentSessionId, streamId] of turns) {
    spans.push({ kind, joinKey, sessionId, parentSessionId, streamId: resolve(streamId), start, end });
  }

  const manual = reads
    .manualEntries(period.start, period.end, view)
    .map(([id, streamId, start, end]) => ({ id, streamId: resolve(streamId), start, end }));

  return { period, signals, breaks, spans, manual, ...settings };
}
