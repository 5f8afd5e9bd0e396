// Claude's answer, for the UI tests and the README's pictures: the fixture sessions grouped into
// three streams of different confidence (a fake Messages API answers with it).
import {
  sessionIdsInPrompt,
  streamsReply,
  type FakeReply,
  type RecordedRequest,
  type StreamAnswer,
} from '../helpers/fake-anthropic';

export const CONFIDENCE_GROUPS = [
  { id: 'review-low', name: 'Unclear side quest', confidence: 0.3 },
  { id: 'review-medium', name: 'Probably the search work', confidence: 0.62 },
  { id: 'review-high', name: 'Spotter issue triage', confidence: 0.93 },
];

function groupOf(sessionId: string): number {
  let sum = 0;
  for (const c of sessionId) sum += c.charCodeAt(0);
  return sum % CONFIDENCE_GROUPS.length;
}

/** A FakeAnthropic fallback: every session of a request in one of the three groups, always the same. */
export function groupByConfidence(request: RecordedRequest): FakeReply {
  const streams: StreamAnswer[] = CONFIDENCE_GROUPS.map((g) => ({ ...g, session_ids: [] }));
  for (const id of sessionIdsInPrompt(request.prompt)) streams[groupOf(id)]!.session_ids.push(id);
  return streamsReply(streams.filter((s) => s.session_ids.length > 0));
}
