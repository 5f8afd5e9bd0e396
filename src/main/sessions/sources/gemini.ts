import { basename, dirname, join } from 'node:path';
import type { AgentParseResult } from '../../../core/agents/agent-session';
import { geminiSession, parseGeminiChat, type GeminiFileContext } from '../../../core/agents/gemini';
import {
  applyGeminiLine,
  emptyGeminiLog,
  packGeminiLog,
  unpackGeminiLog,
  type PackedGeminiLog,
} from '../../../core/agents/gemini-log';
import { SkipTally } from '../../../core/agents/skip-tally';
import type { AgentSource } from './agent-source';
import { dirEntries, subdirectories } from './dir-entries';
import { geminiProjectDirectory } from './gemini-project-dir';
import { headFingerprint, readLinesFrom } from './line-reader';
import { isNotRegularFile, openOutsideFile, readOutsideText } from '../../outside-file';
import { closeSync } from 'node:fs';

// Gemini CLI keeps one chat file per session under ~/.gemini/tmp/<project>/chats/:
// `session-<time>-<id8>.json` (older, rewritten whole) or `.jsonl` (newer, appended), and a
// subagent's chat as chats/<parent session id>/<session id>.jsonl. GEMINI_CLI_HOME replaces
// the home directory (…/.gemini lives inside it). A .jsonl file is read from where the last
// read stopped; the replayed log travels in the cursor so that every read returns the whole
// session.

const CHATS = 'chats';
/** An older JSON chat file is read whole: past this size it is skipped, not read. */
const MAX_JSON_FILE_BYTES = 256 << 20;

interface JsonlCursor {
  v: 2;
  offset: number;
  head: string;
  log: PackedGeminiLog;
}

export const geminiSource: AgentSource = {
  agent: 'gemini',
  label: 'Gemini CLI',
  overrideVariable: 'GEMINI_CLI_HOME',
  defaultRoots(env, home) {
    return [join(env.GEMINI_CLI_HOME || home, '.gemini', 'tmp')];
  },
  async listFiles(root) {
    const files: string[] = [];
    for (const project of subdirectories(root)) {
      const chats = join(root, project, CHATS);
      for (const name of dirEntries(chats)) {
        if (isChatFile(name)) files.push(join(chats, name));
        else
          for (const sub of dirEntries(join(chats, name))) {
            if (isChatFile(sub)) files.push(join(chats, name, sub));
          }
      }
    }
    // Gemini CLI moves an older .json chat into a .jsonl one when the session is resumed
    // and leaves the .json behind: the .jsonl holds the whole session.
    const names = new Set(files);
    return files.filter((f) => !names.has(`${f}l`)).sort();
  },
  async read(path, cursor) {
    const skips = new SkipTally();
    try {
      closeSync(openOutsideFile(path).fd); // a FIFO or a device is skipped here, never waited on
      const context = fileContext(path);
      if (path.endsWith('.jsonl')) return readJsonl(path, cursor, context, skips);
      const text = readOutsideText(path, MAX_JSON_FILE_BYTES);
      if (text === null) {
        skips.add('Gemini CLI: JSON chat file too large to read');
        return { result: { sessions: [], skipped: skips.list() }, cursor: null };
      }
      return { result: parseGeminiChat(text, 'json', context), cursor: null };
    } catch (error) {
      if (isNotRegularFile(error)) {
        skips.add(`Gemini CLI: chat file not a regular file (${error.what}; skipped, never waited on)`);
        return { result: { sessions: [], skipped: skips.list() }, cursor: null };
      }
      skips.add(`Gemini CLI: unreadable chat file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return { result: { sessions: [], skipped: skips.list() }, cursor };
    }
  },
};

function readJsonl(
  path: string,
  cursorText: string | null,
  context: GeminiFileContext,
  skips: SkipTally,
): { result: AgentParseResult; cursor: string } {
  let cursor = parseCursor(cursorText);
  let log = cursor === null ? null : unpackGeminiLog(cursor.log);
  // A file that shrank or whose first bytes changed was rewritten: replay it from the start.
  if (
    cursor === null ||
    log === null ||
    fileSize(path) < cursor.offset ||
    headFingerprint(path, cursor.offset) !== cursor.head
  ) {
    cursor = null;
    log = emptyGeminiLog();
  }
  const replayed = log;
  const read = readLinesFrom(path, cursor?.offset ?? 0, (line) => applyGeminiLine(replayed, line, skips));
  skips.add('Gemini CLI: line too long to read', read.oversized);
  const session = geminiSession(replayed, context, skips);
  const next: JsonlCursor = { v: 2, offset: read.end, head: read.head, log: packGeminiLog(replayed) };
  return {
    result: { sessions: session === null ? [] : [session], skipped: skips.list() },
    cursor: JSON.stringify(next),
  };
}

function fileSize(path: string): number {
  const { fd, stats } = openOutsideFile(path);
  closeSync(fd);
  return stats.size;
}

function parseCursor(text: string | null): JsonlCursor | null {
  if (text === null) return null;
  try {
    const c = JSON.parse(text) as Partial<JsonlCursor>;
    return c.v === 2 && typeof c.offset === 'number' && typeof c.head === 'string' && c.log
      ? (c as JsonlCursor)
      : null;
  } catch {
    return null;
  }
}

/** The project directory and the parent session, from where the file sits. */
function fileContext(path: string): GeminiFileContext {
  const folder = dirname(path);
  const subagent = basename(folder) !== CHATS;
  const chats = subagent ? dirname(folder) : folder;
  return { cwd: geminiProjectDirectory(dirname(chats)), parentId: subagent ? basename(folder) : null };
}

function isChatFile(name: string): boolean {
  return name.endsWith('.json') || name.endsWith('.jsonl');
}
