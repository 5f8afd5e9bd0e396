import { basename, dirname, join } from 'node:path';
import type { AgentSession } from '../../../core/agents/agent-session';
import { jsonObject } from '../../../core/agents/json-value';
import { openCodeSession, type OpenCodePart, type OpenCodeRecord } from '../../../core/agents/opencode';
import type { SkipTally } from '../../../core/agents/skip-tally';
import { dirEntries } from './dir-entries';
import { readOutsideText } from '../../outside-file';

// OpenCode's older JSON tree under storage/: session/<project>/<session>.json,
// message/<session>/<message>.json and part/<message>/<part>.json. A session file is the unit
// tt lists and reads; its messages and the parts of its user messages are read with it, whole
// each time (the files are small and OpenCode rewrites them in place).

export const OPENCODE_STORAGE_SKIP = {
  malformedSession: 'OpenCode: malformed session file',
  unreadable: 'OpenCode: unreadable file in the storage tree',
} as const;

/** The session files of a storage tree (`<root>/storage`). */
export function listStorageSessions(storage: string): string[] {
  const files: string[] = [];
  const sessions = join(storage, 'session');
  for (const project of dirEntries(sessions)) {
    for (const name of dirEntries(join(sessions, project))) {
      if (name.startsWith('ses_') && name.endsWith('.json')) files.push(join(sessions, project, name));
    }
  }
  return files;
}

export function readStorageSession(sessionFile: string, skips: SkipTally): AgentSession | null {
  const info = jsonObject(readText(sessionFile, skips));
  if (info === null || typeof info.id !== 'string') {
    skips.add(OPENCODE_STORAGE_SKIP.malformedSession);
    return null;
  }
  const storage = dirname(dirname(dirname(sessionFile)));
  const messages: OpenCodeRecord[] = [];
  const parts: OpenCodePart[] = [];
  const messageDir = join(storage, 'message', info.id);
  for (const name of dirEntries(messageDir).filter((n) => n.endsWith('.json'))) {
    const id = basename(name, '.json');
    const data = readText(join(messageDir, name), skips);
    if (data === null) continue;
    messages.push({ id, data, created: null });
    // Only a user message's parts say what the person typed.
    if (jsonObject(data)?.role !== 'user') continue;
    const partDir = join(storage, 'part', id);
    for (const partName of dirEntries(partDir).filter((n) => n.endsWith('.json'))) {
      const partData = readText(join(partDir, partName), skips);
      if (partData !== null)
        parts.push({ id: basename(partName, '.json'), messageId: id, data: partData, created: null });
    }
  }
  return openCodeSession(
    {
      id: info.id,
      parentId: typeof info.parentID === 'string' ? info.parentID : null,
      directory: typeof info.directory === 'string' ? info.directory : null,
      title: typeof info.title === 'string' ? info.title : null,
    },
    messages,
    parts,
    skips,
  );
}

/** OpenCode's JSON files are small; past this a file is not read. */
const MAX_JSON_BYTES = 64 << 20;

function readText(path: string, skips: SkipTally): string | null {
  try {
    const text = readOutsideText(path, MAX_JSON_BYTES);
    if (text === null) skips.add(OPENCODE_STORAGE_SKIP.unreadable);
    return text;
  } catch {
    skips.add(OPENCODE_STORAGE_SKIP.unreadable);
    return null;
  }
}
