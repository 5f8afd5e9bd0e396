// Gemini CLI's chat log, replayed the way Gemini CLI itself loads it (its
// loadConversationRecord): a metadata record, message records (a message written again under
// the same id replaces the earlier copy in place), `$set` metadata updates (a `$set.messages`
// checkpoint replaces every message) and `$rewindTo` (drops that message and everything after
// it; an unknown id drops all). The older format is one JSON object with a `messages` array.
// Only what tt needs of each message is kept, so the state stays small enough to carry from
// one read to the next.

import { plausibleTime } from '../plausible-time';
import { isObject } from './json-value';
import type { SkipTally } from './skip-tally';
import { PROMPT_TEXT_MAX_CHARS } from '../transcript/prompt';

export type GeminiMessageKind = 'user' | 'gemini' | 'error' | 'note';

/** One message as tt keeps it. */
export interface GeminiMessage {
  id: string;
  kind: GeminiMessageKind;
  /** the message's own time */
  at: number | null;
  /** the latest time in it (its tool calls and thoughts are dated too) */
  last: number | null;
  /** what the person typed (user messages only) */
  text: string | null;
}

export interface GeminiLog {
  sessionId: string | null;
  startTime: number | null;
  summary: string | null;
  kind: string | null;
  messages: GeminiMessage[];
}

export const GEMINI_SKIP = {
  malformed: 'Gemini CLI: malformed JSON line',
  unknownRecord: 'Gemini CLI: record of an unknown kind',
  unknownType: 'Gemini CLI: message of an unknown type',
  noId: 'Gemini CLI: message without an id',
  undated: 'Gemini CLI: message without a usable timestamp (counted, its time ignored)',
} as const;

const KINDS: Record<string, GeminiMessageKind> = {
  user: 'user',
  gemini: 'gemini',
  error: 'error',
  info: 'note',
  warning: 'note',
};

export function emptyGeminiLog(): GeminiLog {
  return { sessionId: null, startTime: null, summary: null, kind: null, messages: [] };
}

/** Applies one line of a JSONL chat file. */
export function applyGeminiLine(log: GeminiLog, line: string, skips: SkipTally): void {
  if (line.trim() === '') return;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    skips.add(GEMINI_SKIP.malformed);
    return;
  }
  applyGeminiRecord(log, record, skips);
}

/** Applies one record (a JSONL line, or the whole of an older JSON file). */
export function applyGeminiRecord(log: GeminiLog, record: unknown, skips: SkipTally): void {
  if (!isObject(record)) {
    skips.add(GEMINI_SKIP.unknownRecord);
  } else if (typeof record.$rewindTo === 'string') {
    rewind(log, record.$rewindTo);
  } else if (typeof record.id === 'string') {
    upsert(log, record, skips);
  } else if (isObject(record.$set)) {
    applyMetadata(log, record.$set, skips);
  } else if (typeof record.sessionId === 'string') {
    applyMetadata(log, record, skips);
  } else {
    skips.add(GEMINI_SKIP.unknownRecord);
  }
}

function applyMetadata(log: GeminiLog, fields: Record<string, unknown>, skips: SkipTally): void {
  if (typeof fields.sessionId === 'string') log.sessionId = fields.sessionId;
  if (fields.startTime !== undefined) log.startTime = plausibleTime(fields.startTime);
  if (typeof fields.summary === 'string') log.summary = fields.summary;
  if (typeof fields.kind === 'string') log.kind = fields.kind;
  if (Array.isArray(fields.messages)) {
    // A checkpoint (or the whole older file): the messages are exactly these.
    log.messages = [];
    for (const m of fields.messages) {
      if (isObject(m) && typeof m.id === 'string') upsert(log, m, skips);
      else skips.add(GEMINI_SKIP.noId);
    }
  }
}

function rewind(log: GeminiLog, id: string): void {
  const at = log.messages.findIndex((m) => m.id === id);
  log.messages = at === -1 ? [] : log.messages.slice(0, at);
}

function upsert(log: GeminiLog, raw: Record<string, unknown>, skips: SkipTally): void {
  const kind = typeof raw.type === 'string' ? KINDS[raw.type] : undefined;
  if (kind === undefined) {
    skips.add(GEMINI_SKIP.unknownType);
    return;
  }
  const at = plausibleTime(raw.timestamp);
  if (at === null) skips.add(GEMINI_SKIP.undated);
  const message: GeminiMessage = {
    id: raw.id as string,
    kind,
    at,
    last: latest(at, raw),
    text: kind === 'user' ? bounded(partsText(raw.displayContent ?? raw.content)) : null,
  };
  // Updates rewrite the message that is being written, nearly always the last one.
  for (let i = log.messages.length - 1; i >= 0; i--) {
    if (log.messages[i]!.id === message.id) {
      log.messages[i] = message;
      return;
    }
  }
  log.messages.push(message);
}

/** The latest time among a message's own, its tool calls' and its thoughts'. */
function latest(at: number | null, raw: Record<string, unknown>): number | null {
  let last = at;
  for (const list of [raw.toolCalls, raw.thoughts]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const t = isObject(item) ? plausibleTime(item.timestamp) : null;
      if (t !== null && (last === null || t > last)) last = t;
    }
  }
  return last;
}

/** Enough of a prompt to store it (see promptText), so that the log carried between reads stays small. */
function bounded(text: string | null): string | null {
  return text === null ? null : text.trimStart().slice(0, 2 * PROMPT_TEXT_MAX_CHARS);
}

/** Text of a Gemini content value: a string, or parts of which the text ones count. */
function partsText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (isObject(content)) return typeof content.text === 'string' ? content.text : null;
  if (!Array.isArray(content)) return null;
  let text = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (isObject(part) && typeof part.text === 'string' && part.thought !== true) text += part.text;
  }
  return text;
}

/** A log as it travels in a cursor: messages as tuples, about half the size of objects. */
export interface PackedGeminiLog {
  s: string | null;
  t: number | null;
  u: string | null;
  k: string | null;
  m: [string, number, number | null, number | null, string | null][];
}

const KIND_CODES: GeminiMessageKind[] = ['user', 'gemini', 'error', 'note'];

export function packGeminiLog(log: GeminiLog): PackedGeminiLog {
  return {
    s: log.sessionId,
    t: log.startTime,
    u: log.summary,
    k: log.kind,
    m: log.messages.map((m) => [m.id, KIND_CODES.indexOf(m.kind), m.at, m.last, m.text]),
  };
}

/** The log a cursor carried, or null when it is not one this version wrote. */
export function unpackGeminiLog(packed: unknown): GeminiLog | null {
  if (!isObject(packed) || !Array.isArray(packed.m)) return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const messages: GeminiMessage[] = [];
  for (const m of packed.m as unknown[]) {
    const kind = Array.isArray(m) && typeof m[1] === 'number' ? KIND_CODES[m[1]] : undefined;
    if (!Array.isArray(m) || typeof m[0] !== 'string' || kind === undefined) return null;
    messages.push({ id: m[0], kind, at: num(m[2]), last: num(m[3]), text: text(m[4]) });
  }
  return {
    sessionId: text(packed.s),
    startTime: typeof packed.t === 'number' ? packed.t : null,
    summary: text(packed.u),
    kind: text(packed.k),
    messages,
  };
}
