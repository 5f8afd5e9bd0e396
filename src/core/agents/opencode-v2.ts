// OpenCode's newer storage (its beta channel, 2026): one `session_message` row per message,
// typed by its `type` column, the user's text in the row's data and the assistant's content
// inline. Mapped to the message and part shapes of the released storage, so one mapping
// (opencode.ts) makes the session.

import { jsonObject } from './json-value';
import type { OpenCodePart, OpenCodeRecord } from './opencode';
import type { SkipTally } from './skip-tally';

export interface SessionMessageRow {
  id: string;
  type: string;
  created: number | null;
  data: unknown;
}

/** Rows OpenCode writes beside the conversation: not messages, not surprises. */
const NOT_CONVERSATION = new Set(['system', 'model-switched']);

export const OPENCODE_V2_SKIP = {
  unknownType: 'OpenCode: message of an unknown type (newer format)',
} as const;

export function fromSessionMessages(
  rows: readonly SessionMessageRow[],
  skips: SkipTally,
): { messages: OpenCodeRecord[]; parts: OpenCodePart[] } {
  const messages: OpenCodeRecord[] = [];
  const parts: OpenCodePart[] = [];
  for (const row of rows) {
    if (row.type !== 'user' && row.type !== 'assistant') {
      if (!NOT_CONVERSATION.has(row.type)) skips.add(OPENCODE_V2_SKIP.unknownType);
      continue;
    }
    const data = jsonObject(row.data);
    // Malformed data stays malformed: the mapping counts it.
    messages.push({
      id: row.id,
      created: row.created,
      data: data === null ? row.data : { ...data, role: row.type },
    });
    if (row.type === 'user' && data !== null && typeof data.text === 'string') {
      parts.push({
        id: row.id,
        messageId: row.id,
        created: row.created,
        data: { type: 'text', text: data.text },
      });
    }
  }
  return { messages, parts };
}
