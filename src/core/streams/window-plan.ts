// Which sessions a window decides. The overlap rule: a session already placed by an earlier
// window of the same run (it sits in the 4-hour overlap, or spans several windows) stays where
// that window put it; the later window decides it only if the earlier ones left it out. The
// earlier window saw the session's start, which is usually where its purpose shows.
// A session a person placed is never decided by inference. A session no window claims stays
// in its directory stream.

import type { ResolvedStream } from './llm-answer';

export interface WindowPlan {
  /** sessions this window assigns to an LLM stream, with that stream's confidence */
  claims: Map<string, { streamId: string; confidence: number }>;
  /** sessions of this window that go (back) to their directory stream, for now */
  leftOut: string[];
}

export function planWindow(input: {
  windowSessionIds: readonly string[];
  streams: readonly ResolvedStream[];
  /** sessions a person moved or confirmed */
  pinned: ReadonlySet<string>;
  /** sessions an earlier window of this run claimed */
  decidedEarlier: ReadonlySet<string>;
}): WindowPlan {
  const claims = new Map<string, { streamId: string; confidence: number }>();
  for (const stream of input.streams) {
    for (const sessionId of stream.sessionIds) {
      if (input.pinned.has(sessionId) || input.decidedEarlier.has(sessionId)) continue;
      claims.set(sessionId, { streamId: stream.id, confidence: stream.confidence });
    }
  }
  const leftOut = input.windowSessionIds.filter(
    (id) => !claims.has(id) && !input.pinned.has(id) && !input.decidedEarlier.has(id),
  );
  return { claims, leftOut };
}
