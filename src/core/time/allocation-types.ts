import type { Interval } from './intervals';

/** A stream id, or null for activity that no stream has been assigned (reported as "unassigned"). */
export type StreamKey = string | null;

/** What says where the person's attention is: a pane focus, a scroll, or a prompt they sent. */
export type SignalKind = 'prompt' | 'focus' | 'scroll';

export interface AttentionSignal {
  ts: number;
  kind: SignalKind;
  streamId: StreamKey;
  /** The session a prompt was sent in (focus and scroll know only their stream). */
  sessionId?: string;
}

/** agent: working; handback: finished, until the next prompt; pending: a question or permission request. */
export type SpanKind = 'agent' | 'handback' | 'pending';

/** A stretch of an agent session's turns (from the session indexer, see core/transcript/turns.ts). */
export interface ActivitySpan {
  kind: SpanKind;
  /** agent spans of one session with the same key are joined across gaps up to the session timeout */
  joinKey: number;
  sessionId: string;
  /** The parent of a subagent session; sessions are counted once with their subagents. */
  parentSessionId: string | null;
  /** For a subagent, its parent's stream: subagents work for their parent. */
  streamId: StreamKey;
  start: number;
  end: number;
}

/** Time a person added by hand (a meeting, a call): direct time on its stream, whatever else happened. */
export interface ManualSpan {
  id: string;
  streamId: StreamKey;
  start: number;
  end: number;
}

export interface AllocationInput {
  /** [start, end): nothing outside it is counted. */
  period: { start: number; end: number };
  signals: readonly AttentionSignal[];
  /** Times at which the person went away or came back (idle-start / idle-end): attention ends there. */
  breaks: readonly number[];
  spans: readonly ActivitySpan[];
  /** Entries added by hand; they never overlap one another (the service refuses that). */
  manual?: readonly ManualSpan[];
  /** How long one signal holds attention without another (default 5 minutes). */
  attentionWindowMs: number;
  /** A session silent for longer than this has stopped working (default 30 minutes). */
  sessionTimeoutMs: number;
}

export interface StreamAllocation {
  streamId: StreamKey;
  /** The person's attention, sorted and disjoint; never overlaps another stream's. */
  direct: Interval[];
  /** When at least one of the stream's sessions was working, sorted and disjoint. */
  delegated: Interval[];
  /** When an agent of the stream waited on the person and none of them worked, sorted and disjoint. */
  waiting: Interval[];
  /** The part of `direct` that was added by hand, sorted and disjoint. */
  manual: Interval[];
  directMs: number;
  delegatedMs: number;
  waitingMs: number;
  manualMs: number;
  /** Every session (subagents included) that worked in the period, sorted. */
  sessionIds: string[];
  /** Sessions counted with their subagents: a parent and its subagents are one. */
  sessionCount: number;
}

export interface Allocation {
  period: { start: number; end: number };
  /** Streams with any time or session in the period: most direct time first, unassigned last among equals. */
  streams: StreamAllocation[];
  totals: {
    directMs: number;
    /** Σ of every stream's delegated time: agents in different streams add up. */
    delegatedMs: number;
    /** Σ of every stream's waiting time; never part of direct or delegated time. */
    waitingMs: number;
    /** Wall-clock time with any activity (attention or a working agent). */
    activeMs: number;
    sessionCount: number;
  };
}
