// A Gemini CLI session from its chat file, in either format: the older JSON file (one object,
// rewritten whole on every change) or the newer JSONL log (appended; see gemini-log.ts).
// Gemini CLI does not write the working directory into the file, only a hash of it: the
// main-side source finds the directory from the project folder and hands it in.

import type { AgentParseResult, AgentPrompt, AgentSession } from './agent-session';
import { turnsOf, type TurnMark } from './agent-turns';
import { applyGeminiLine, applyGeminiRecord, emptyGeminiLog, type GeminiLog } from './gemini-log';
import { SkipTally } from './skip-tally';
import { promptText } from '../transcript/prompt';

/** What the file's place on disk says about the session. */
export interface GeminiFileContext {
  /** the project directory, when the project folder names it */
  cwd: string | null;
  /** a subagent's chat sits in a folder named after its parent session */
  parentId: string | null;
}

export const GEMINI_FILE_SKIP = {
  notJson: 'Gemini CLI: truncated or malformed JSON session file',
  unknownFormat: 'Gemini CLI: JSON file in an unknown format (no sessionId)',
  noSessionId: 'Gemini CLI: chat log without a sessionId',
  noMessages: 'Gemini CLI: session without messages yet',
} as const;

/** Text Gemini CLI puts into a user message itself, not the person's words. */
const INJECTED_PREFIXES = ['<session_context>', '<hook_context>'];

/** Parses a whole chat file; `format` is its extension. */
export function parseGeminiChat(
  text: string,
  format: 'json' | 'jsonl',
  context: GeminiFileContext,
): AgentParseResult {
  const skips = new SkipTally();
  const log = format === 'json' ? readJsonFile(text, skips) : readJsonl(text, skips);
  const session = log === null ? null : geminiSession(log, context, skips);
  return { sessions: session === null ? [] : [session], skipped: skips.list() };
}

function readJsonFile(text: string, skips: SkipTally): GeminiLog | null {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    skips.add(GEMINI_FILE_SKIP.notJson);
    return null;
  }
  if (typeof record !== 'object' || record === null || !('sessionId' in record)) {
    skips.add(GEMINI_FILE_SKIP.unknownFormat);
    return null;
  }
  const log = emptyGeminiLog();
  applyGeminiRecord(log, record, skips);
  return log;
}

function readJsonl(text: string, skips: SkipTally): GeminiLog {
  const log = emptyGeminiLog();
  for (const line of text.split('\n')) applyGeminiLine(log, line, skips);
  return log;
}

/** The session a replayed log describes, or null (counted) when it has none yet. */
export function geminiSession(
  log: GeminiLog,
  context: GeminiFileContext,
  skips: SkipTally,
): AgentSession | null {
  if (log.sessionId === null) {
    skips.add(GEMINI_FILE_SKIP.noSessionId);
    return null;
  }
  const subagent = log.kind === 'subagent' || context.parentId !== null;
  let start: number | null = null;
  let end: number | null = null;
  let messageCount = 0;
  const prompts: AgentPrompt[] = [];
  const marks: TurnMark[] = [];
  for (const m of log.messages) {
    if (m.kind === 'user' || m.kind === 'gemini') messageCount++;
    // The session runs from its first to its last user or agent message (not info or error notes).
    if (m.kind === 'user' || m.kind === 'gemini') {
      if (m.at !== null && (start === null || m.at < start)) start = m.at;
      if (m.last !== null && (end === null || m.last > end)) end = m.last;
    }
    if (m.kind === 'user' && m.at !== null) {
      // In a subagent the "user" is the parent agent handing over its task.
      const prompt = subagent ? null : personPrompt(m.text);
      if (prompt !== null) prompts.push({ at: m.at, text: prompt });
      if (subagent || prompt !== null) marks.push({ at: m.at, kind: 'handover' });
    } else if (m.kind === 'gemini' || m.kind === 'error') {
      if (m.at !== null) marks.push({ at: m.at, kind: 'agent' });
      if (m.last !== null) marks.push({ at: m.last, kind: 'agent' });
    }
  }
  if (messageCount === 0 || start === null || end === null) {
    skips.add(GEMINI_FILE_SKIP.noMessages);
    return null;
  }
  const summary = log.summary?.trim() ?? '';
  return {
    agent: 'gemini',
    id: log.sessionId,
    parentId: context.parentId,
    cwd: context.cwd,
    gitBranch: null,
    start,
    end,
    messageCount,
    title: summary === '' ? null : summary,
    prompts,
    turns: turnsOf(marks),
  };
}

function personPrompt(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trimStart();
  if (INJECTED_PREFIXES.some((p) => trimmed.startsWith(p))) return null;
  return promptText(text);
}
