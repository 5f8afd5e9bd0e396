// An OpenCode session from its stored rows. OpenCode keeps a session's metadata (directory,
// title, parent), each message's metadata (role, times) and each message's parts (texts,
// reasoning, tool calls) apart, in SQLite tables (`session`, `message`, `part`) in current
// versions and in a JSON tree in older ones; both hold the same JSON shapes, which this maps.
// A child session (parent set) is a subagent: its "user" messages are its parent's task, not
// the person's words.

import type { AgentPrompt, AgentSession } from './agent-session';
import { turnsOf, type TurnMark } from './agent-turns';
import { plausibleTime } from '../plausible-time';
import { isObject, jsonObject } from './json-value';
import type { SkipTally } from './skip-tally';
import { promptText } from '../transcript/prompt';

export interface OpenCodeSessionInfo {
  id: string;
  parentId: string | null;
  directory: string | null;
  title: string | null;
}

/** A message or part: its JSON data (text, or already parsed) and its row's creation time. */
export interface OpenCodeRecord {
  id: string;
  data: unknown;
  created: number | null;
}

export interface OpenCodePart extends OpenCodeRecord {
  messageId: string;
}

export const OPENCODE_SKIP = {
  malformedMessage: 'OpenCode: malformed message data',
  unknownRole: 'OpenCode: message of an unknown role',
  malformedPart: 'OpenCode: malformed part data',
  undated: 'OpenCode: message without a usable time (counted, its time ignored)',
  noMessages: 'OpenCode: session without messages yet',
} as const;

/** OpenCode's placeholder title until it has generated one. */
const DEFAULT_TITLE = /^(New|Child) session - \d{4}-\d\d-\d\dT/;

/** Text OpenCode adds to a user message itself (a file's content, a command's output). */
function typedText(parts: readonly Record<string, unknown>[]): string | null {
  const texts = parts
    .filter(
      (p) => p.type === 'text' && typeof p.text === 'string' && p.synthetic !== true && p.ignored !== true,
    )
    .map((p) => p.text as string);
  return texts.length === 0 ? null : promptText(texts.join('\n'));
}

export function openCodeSession(
  info: OpenCodeSessionInfo,
  messages: readonly OpenCodeRecord[],
  parts: readonly OpenCodePart[],
  skips: SkipTally,
): AgentSession | null {
  const partsOf = new Map<string, Record<string, unknown>[]>();
  for (const part of parts) {
    const data = jsonObject(part.data);
    if (data === null) {
      skips.add(OPENCODE_SKIP.malformedPart);
      continue;
    }
    const list = partsOf.get(part.messageId) ?? [];
    list.push(data);
    partsOf.set(part.messageId, list);
  }
  const subagent = info.parentId !== null;
  let start: number | null = null;
  let end: number | null = null;
  let messageCount = 0;
  let cwd = info.directory;
  const prompts: AgentPrompt[] = [];
  const marks: TurnMark[] = [];
  const ordered = messages
    .map((m) => ({ m, data: jsonObject(m.data) }))
    .sort((a, b) => createdOf(a.data, a.m) - createdOf(b.data, b.m) || (a.m.id < b.m.id ? -1 : 1));
  for (const { m, data } of ordered) {
    if (data === null) {
      skips.add(OPENCODE_SKIP.malformedMessage);
      continue;
    }
    if (data.role !== 'user' && data.role !== 'assistant') {
      skips.add(OPENCODE_SKIP.unknownRole);
      continue;
    }
    messageCount++;
    const time = isObject(data.time) ? data.time : {};
    const created = plausibleTime(time.created) ?? m.created;
    const last = plausibleTime(time.completed) ?? created;
    if (created === null || last === null) {
      skips.add(OPENCODE_SKIP.undated);
      continue;
    }
    if (start === null || created < start) start = created;
    if (end === null || last > end) end = last;
    if (data.role === 'user') {
      const text = subagent ? null : typedText(partsOf.get(m.id) ?? []);
      if (text !== null) prompts.push({ at: created, text });
      marks.push({ at: created, kind: 'handover' });
    } else {
      marks.push({ at: created, kind: 'agent' }, { at: last, kind: 'agent' });
      if (cwd === null && isObject(data.path) && typeof data.path.cwd === 'string') cwd = data.path.cwd;
    }
  }
  if (messageCount === 0 || start === null || end === null) {
    skips.add(OPENCODE_SKIP.noMessages);
    return null;
  }
  const title = info.title?.trim() ?? '';
  return {
    agent: 'opencode',
    id: info.id,
    parentId: info.parentId,
    cwd,
    gitBranch: null,
    start,
    end,
    messageCount,
    title: title === '' || DEFAULT_TITLE.test(title) ? null : title,
    prompts,
    turns: turnsOf(marks),
  };
}

function createdOf(data: Record<string, unknown> | null, m: OpenCodeRecord): number {
  const time = data !== null && isObject(data.time) ? data.time : {};
  return plausibleTime(time.created) ?? m.created ?? 0;
}
