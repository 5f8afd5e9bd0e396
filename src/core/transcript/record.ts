// One transcript line → the few fields the index keeps. Works on the raw bytes of the line
// (see json-bytes.ts) so that megabytes of tool output are skipped, not decoded.

import {
  MalformedJson,
  bytesEqual,
  readBoolean,
  readString,
  readStringHead,
  skipSpace,
  walkArray,
  walkObject,
} from './json-bytes';

/**
 * How much of a prompt's text is decoded: enough to classify it and to keep its words
 * (PROMPT_TEXT_MAX_CHARS in prompt.ts), plus one to know they were cut.
 */
const PROMPT_HEAD_CHARS = 2_001;

export interface TranscriptRecord {
  /** the top-level "type": user, assistant, summary, custom-title, progress, system, … */
  type: string | null;
  /** epoch milliseconds, null when absent or unreadable */
  timestampMs: number | null;
  cwd: string | null;
  sessionId: string | null;
  isSidechain: boolean;
  isMeta: boolean;
  isCompactSummary: boolean;
  /** a user record that carries a tool's result rather than the person's words */
  isToolResult: boolean;
  /** the beginning of a user record's text, when it is text and not a tool result */
  text: string | null;
  summary: string | null;
  leafUuid: string | null;
  customTitle: string | null;
  /** the record's own uuid (a summary's leafUuid points at one) */
  uuid: string | null;
  /** the checkout's branch when the record was written ("HEAD" when detached) */
  gitBranch: string | null;
  /** a system record's kind: turn_duration, compact_boundary, … */
  subtype: string | null;
  /** a turn_duration record's durationMs, when it is a JSON number (see turns.ts for what is trusted) */
  durationMs: number | null;
  /** an assistant record that calls a tool */
  usesTool: boolean;
  /** an assistant record whose tool call waits on the person (a question, a plan to approve) */
  asksPerson: boolean;
  /** a tool result saying the person refused the call: a permission request was pending */
  toolRejected: boolean;
}

/** Tools whose call is a question to the person: the time until their result is waiting. */
const PERSON_TOOLS = new Set(['AskUserQuestion', 'ExitPlanMode']);
/** How Claude Code records a refused permission request, at the start of toolUseResult. */
const REJECTED_PREFIX = 'User rejected';

export type LineResult =
  { kind: 'blank' } | { kind: 'malformed'; reason: string } | { kind: 'record'; record: TranscriptRecord };

/** Record types whose content matters beyond their cwd. */
const WANTED_TYPES = new Set(['user', 'assistant', 'summary', 'custom-title', 'system']);

export interface ReadLineOptions {
  /** false once the session's cwd is known: uninteresting records are then abandoned at their type. */
  wantCwd: boolean;
}

/** Reads the line bytes[start, end) (no newline). Never throws. */
export function readTranscriptLine(
  bytes: Uint8Array,
  start: number,
  end: number,
  options: ReadLineOptions,
): LineResult {
  const first = skipSpace(bytes, start, end);
  if (first === end) return { kind: 'blank' };
  const record: TranscriptRecord = {
    type: null,
    timestampMs: null,
    cwd: null,
    sessionId: null,
    isSidechain: false,
    isMeta: false,
    isCompactSummary: false,
    isToolResult: false,
    text: null,
    summary: null,
    leafUuid: null,
    customTitle: null,
    uuid: null,
    gitBranch: null,
    subtype: null,
    durationMs: null,
    usesTool: false,
    asksPerson: false,
    toolRejected: false,
  };
  let messageStart = -1;
  let messageEnd = -1;
  try {
    const stop = walkObject(bytes, first, end, (ks, ke, vs, ve) => {
      switch (ke - ks) {
        case 3:
          if (bytesEqual(bytes, ks, ke, 'cwd')) record.cwd = readString(bytes, vs, ve);
          break;
        case 4:
          if (bytesEqual(bytes, ks, ke, 'type')) {
            record.type = readString(bytes, vs, ve);
            if (!options.wantCwd && (record.type === null || !WANTED_TYPES.has(record.type))) return false;
          } else if (bytesEqual(bytes, ks, ke, 'uuid')) record.uuid = readString(bytes, vs, ve);
          break;
        case 6:
          if (bytesEqual(bytes, ks, ke, 'isMeta')) record.isMeta = readBoolean(bytes, vs, ve) === true;
          break;
        case 7:
          if (bytesEqual(bytes, ks, ke, 'message')) {
            messageStart = vs;
            messageEnd = ve;
          } else if (bytesEqual(bytes, ks, ke, 'summary')) record.summary = readString(bytes, vs, ve);
          else if (bytesEqual(bytes, ks, ke, 'subtype')) record.subtype = readString(bytes, vs, ve);
          break;
        case 8:
          if (bytesEqual(bytes, ks, ke, 'leafUuid')) record.leafUuid = readString(bytes, vs, ve);
          break;
        case 9:
          if (bytesEqual(bytes, ks, ke, 'timestamp')) {
            const text = readString(bytes, vs, ve);
            if (text !== null) {
              const ms = Date.parse(text);
              record.timestampMs = Number.isFinite(ms) ? ms : null;
            }
          } else if (bytesEqual(bytes, ks, ke, 'sessionId')) record.sessionId = readString(bytes, vs, ve);
          else if (bytesEqual(bytes, ks, ke, 'gitBranch')) record.gitBranch = readString(bytes, vs, ve);
          break;
        case 10:
          if (bytesEqual(bytes, ks, ke, 'durationMs')) record.durationMs = readNumber(bytes, vs, ve);
          break;
        case 11:
          if (bytesEqual(bytes, ks, ke, 'isSidechain'))
            record.isSidechain = readBoolean(bytes, vs, ve) === true;
          else if (bytesEqual(bytes, ks, ke, 'customTitle')) record.customTitle = readString(bytes, vs, ve);
          break;
        case 13:
          if (bytesEqual(bytes, ks, ke, 'toolUseResult')) {
            record.isToolResult = true;
            if (bytes[vs] === 0x22) {
              const head = readStringHead(bytes, vs, ve, REJECTED_PREFIX.length);
              record.toolRejected = head?.startsWith(REJECTED_PREFIX) === true;
            }
          }
          break;
        case 16:
          if (bytesEqual(bytes, ks, ke, 'isCompactSummary'))
            record.isCompactSummary = readBoolean(bytes, vs, ve) === true;
          break;
      }
      return true;
    });
    if (stop >= 0 && skipSpace(bytes, stop, end) !== end) {
      return { kind: 'malformed', reason: 'malformed line' };
    }
    if (record.type === 'user' && messageStart >= 0 && !record.isToolResult) {
      readUserContent(bytes, messageStart, messageEnd, record);
    } else if (record.type === 'assistant' && messageStart >= 0) {
      readAssistantTools(bytes, messageStart, messageEnd, record);
    }
  } catch (error) {
    if (error instanceof MalformedJson) return { kind: 'malformed', reason: 'malformed line' };
    throw error;
  }
  return { kind: 'record', record };
}

/** A user message's content: a string (the person's words) or blocks (text or tool_result). */
function readUserContent(bytes: Uint8Array, start: number, end: number, record: TranscriptRecord): void {
  if (bytes[start] !== 0x7b) return;
  walkObject(bytes, start, end, (ks, ke, vs, ve) => {
    if (!bytesEqual(bytes, ks, ke, 'content')) return true;
    if (bytes[vs] === 0x22) {
      record.text = readStringHead(bytes, vs, ve, PROMPT_HEAD_CHARS);
    } else if (bytes[vs] === 0x5b) {
      let sawBlock = false;
      walkArray(bytes, vs, ve, (es, ee) => {
        if (bytes[es] !== 0x7b) return true;
        sawBlock = true;
        let blockType: string | null = null;
        let blockText: string | null = null;
        walkObject(bytes, es, ee, (bks, bke, bvs, bve) => {
          if (bytesEqual(bytes, bks, bke, 'type')) blockType = readString(bytes, bvs, bve);
          else if (bytesEqual(bytes, bks, bke, 'text'))
            blockText = readStringHead(bytes, bvs, bve, PROMPT_HEAD_CHARS);
          return true;
        });
        if (blockType === 'tool_result') {
          record.isToolResult = true;
          return false;
        }
        if (blockType === 'text' && record.text === null) record.text = blockText;
        return true;
      });
      if (record.isToolResult) record.text = null;
      // Only an image (a pasted screenshot): still the person's prompt, with no words.
      else if (record.text === null && sawBlock) record.text = '';
    }
    return false;
  });
}

/** A JSON number value, or null for anything else (a string, null, a malformed number). */
function readNumber(bytes: Uint8Array, start: number, end: number): number | null {
  if (end - start > 32) return null;
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Whether an assistant message calls a tool, and whether that tool asks the person. Found by
 * searching the raw bytes rather than walking the content a second time: inside a JSON string
 * every quote is escaped, so `"type":"tool_use"` can only be a key and its value.
 */
function readAssistantTools(bytes: Uint8Array, start: number, end: number, record: TranscriptRecord): void {
  if (!containsAscii(bytes, start, end, TOOL_USE)) return;
  record.usesTool = true;
  record.asksPerson = PERSON_TOOL_NAMES.some((name) => containsAscii(bytes, start, end, name));
}

const TOOL_USE = '"type":"tool_use"';
const PERSON_TOOL_NAMES = [...PERSON_TOOLS].map((name) => `"name":"${name}"`);

/** True when bytes[start, end) contain the ASCII text `pattern` (found from its colon, a native search). */
function containsAscii(bytes: Uint8Array, start: number, end: number, pattern: string): boolean {
  const anchor = pattern.indexOf(':');
  for (let at = bytes.indexOf(0x3a, start + anchor); at >= 0 && at < end; at = bytes.indexOf(0x3a, at + 1)) {
    const from = at - anchor;
    if (from + pattern.length > end) return false;
    let match = true;
    for (let i = 0; i < pattern.length && match; i++) match = bytes[from + i] === pattern.charCodeAt(i);
    if (match) return true;
  }
  return false;
}
