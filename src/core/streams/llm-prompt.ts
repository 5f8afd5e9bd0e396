// The prompt for one window and the tool the answer must come back through. The answer's
// shape is the seed plan's: {"streams":[{"id","name","session_ids","confidence"}]}.

import { directoryStreamName } from './project-identity';
import type { KnownStream, StreamEvent, StreamSession, TimeWindow } from './stream-model';

export const STREAMS_TOOL_NAME = 'record_streams';

/** The tool definition sent with every window; tool_choice forces the model to call it. */
export const STREAMS_TOOL = {
  name: STREAMS_TOOL_NAME,
  description:
    'Record the streams of work that the sessions of this window belong to. Every session id must come from the list; ' +
    'reuse the id of a stream from the previous window when the work continues it.',
  strict: true,
  input_schema: {
    type: 'object',
    additionalProperties: false,
    required: ['streams'],
    properties: {
      streams: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name', 'session_ids', 'confidence'],
          properties: {
            id: { type: 'string', description: 'a previous stream id to continue it, or any new short id' },
            name: { type: 'string', description: 'a short name for the work, as a person would say it' },
            session_ids: { type: 'array', items: { type: 'string' } },
            confidence: { type: 'number', description: 'how sure you are of this grouping, 0 to 1' },
          },
        },
      },
    },
  },
} as const;

const TEXT_LIMIT = 300;

/** "2026-02-11 20:36Z": minutes are as fine as grouping work needs. */
export function formatPromptTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

function shorten(text: string, limit = TEXT_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}

function sessionLines(session: StreamSession, placedIn: ReadonlyMap<string, string>): string[] {
  const end = session.end === null ? 'no end recorded' : formatPromptTime(session.end);
  const lines = [
    `- id: ${session.sessionId}`,
    `  project: ${directoryStreamName(session.identity)}${session.projectPath ? ` (${session.projectPath})` : ''}`,
    ...(session.branch ? [`  branch: ${session.branch}`] : []),
    `  time: ${formatPromptTime(session.start)} → ${end}, ${session.messageCount} messages`,
  ];
  if (session.parentSessionId) lines.push(`  parent: ${session.parentSessionId} (a subagent working for it)`);
  const placed = placedIn.get(session.sessionId);
  if (placed) lines.push(`  already in stream: ${placed} (decided by the previous window)`);
  const title = session.customTitle ?? session.summary;
  if (title) lines.push(`  summary: ${shorten(title)}`);
  if (session.firstPrompt) lines.push(`  first prompt: ${JSON.stringify(shorten(session.firstPrompt))}`);
  return lines;
}

/** One line per project: how much focus it had in the window, and when. */
function focusLines(events: readonly StreamEvent[]): string[] {
  const byProject = new Map<string, { count: number; scrolls: number; first: number; last: number }>();
  for (const event of events) {
    if (event.identity === null) continue;
    const name = directoryStreamName(event.identity);
    const entry = byProject.get(name) ?? { count: 0, scrolls: 0, first: event.ts, last: event.ts };
    if (event.type === 'scroll') entry.scrolls += 1;
    else entry.count += 1;
    entry.first = Math.min(entry.first, event.ts);
    entry.last = Math.max(entry.last, event.ts);
    byProject.set(name, entry);
  }
  return [...byProject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, e]) =>
        `- ${name}: ${e.count} focus changes, ${e.scrolls} scrolls, ${formatPromptTime(e.first)} → ${formatPromptTime(e.last)}`,
    );
}

export interface WindowPromptInput {
  window: TimeWindow;
  sessions: readonly StreamSession[];
  focus: readonly StreamEvent[];
  previousStreams: readonly KnownStream[];
  /** Sessions an earlier window of this run already placed (they stay): session id → stream id. */
  placedIn?: ReadonlyMap<string, string>;
}

export function buildWindowPrompt(input: WindowPromptInput): string {
  const parts: string[] = [
    'You group Claude Code sessions into streams of work for a time tracker. A stream is one coherent piece ' +
      'of work (a feature, a bug, a review), usually within one project; a project can hold several streams.',
    `Window: ${formatPromptTime(input.window.start)} → ${formatPromptTime(input.window.end)}.`,
  ];
  if (input.previousStreams.length > 0) {
    parts.push(
      [
        '## Streams from the previous window',
        'When a session continues one of these, use its id and keep its name unless it no longer fits.',
        ...input.previousStreams.map((s) => `- ${JSON.stringify(s.name)} (id: ${s.id})`),
      ].join('\n'),
    );
  }
  parts.push(
    [
      '## Sessions in this window',
      ...input.sessions.flatMap((s) => sessionLines(s, input.placedIn ?? new Map())),
    ].join('\n'),
  );
  const focus = focusLines(input.focus);
  if (focus.length > 0) parts.push(['## Terminal focus per project', ...focus].join('\n'));
  parts.push(
    `Call ${STREAMS_TOOL_NAME} once with every stream: {"streams":[{"id","name","session_ids","confidence"}]}. ` +
      'Put each session in exactly one stream; a subagent belongs with its parent. Names are short (at most a few words). ' +
      'Confidence is 0 to 1: lower it when the grouping is a guess.',
  );
  return parts.join('\n\n');
}

/** A rough token count for --dry-run: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
