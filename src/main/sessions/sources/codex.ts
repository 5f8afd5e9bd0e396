import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  codexSessionFrom,
  emptyCodexState,
  feedCodexLine,
  type CodexState,
} from '../../../core/agents/codex';
import type { AgentSource } from './agent-source';
import { isNotRegularFile } from '../../outside-file';
import { fingerprintBefore, readJsonlLines } from './jsonl-lines';
import {
  skippedList,
  HALF_WRITTEN_LINE,
  OVERSIZED_LINE,
  REWRITTEN_FILE,
  type SkipCounts,
} from './skip-counts';

// Codex CLI on this machine: `$CODEX_HOME` (default ~/.codex) holds sessions/YYYY/MM/DD/
// rollout-*.jsonl and, once archived, archived_sessions/rollout-*.jsonl. Parsing is in
// core/agents/codex.ts; this reads the new lines of one file and keeps the parser's state in
// the cursor, so a grown rollout is read from where the last read stopped.

const ROLLOUT = /^rollout-.*\.jsonl$/;
/** sessions/YYYY/MM/DD: the walk goes no deeper. */
const MAX_DEPTH = 3;
const MAX_LINE_BYTES = 64 << 20;

interface CodexCursor {
  offset: number;
  state: CodexState;
  /** of the bytes before offset (fingerprintBefore), to tell an append from a rewrite */
  fingerprint: string | null;
}

export const codexSource: AgentSource = {
  agent: 'codex',
  label: 'Codex CLI',
  overrideVariable: 'CODEX_HOME',
  defaultRoots(env, home) {
    const codexHome = env.CODEX_HOME || join(home, '.codex');
    return [join(codexHome, 'sessions'), join(codexHome, 'archived_sessions')];
  },
  async listFiles(root) {
    const files: string[] = [];
    await walk(root, 0, files);
    return files.sort();
  },
  async read(path, cursor) {
    try {
      return await readRollout(path, cursor);
    } catch (error) {
      if (!isNotRegularFile(error)) throw error;
      return {
        result: {
          sessions: [],
          skipped: [
            {
              reason: `Codex: rollout is not a regular file (${error.what}; skipped, never waited on)`,
              count: 1,
            },
          ],
        },
        cursor,
      };
    }
  },
};

async function readRollout(path: string, cursor: string | null) {
  const skips: SkipCounts = new Map();
  const count = (reason: string): void => void skips.set(reason, (skips.get(reason) ?? 0) + 1);
  let previous = cursor === null ? null : (JSON.parse(cursor) as CodexCursor);
  // Rewritten in place (other bytes before where the last read stopped): read it all again.
  if (previous !== null && (await fingerprintBefore(path, previous.offset)) !== previous.fingerprint) {
    previous = null;
    count(REWRITTEN_FILE);
  }
  const state = previous?.state ?? emptyCodexState();
  const read = await readJsonlLines(path, previous?.offset ?? 0, MAX_LINE_BYTES, (line) => {
    const reason = feedCodexLine(state, line);
    if (reason !== null) count(reason);
  });
  for (let i = 0; i < read.oversized; i++) count(OVERSIZED_LINE);
  if (read.halfWrittenTail) count(HALF_WRITTEN_LINE);
  const session = codexSessionFrom(state);
  const next: CodexCursor = {
    offset: read.offset,
    state,
    fingerprint: await fingerprintBefore(path, read.offset),
  };
  return {
    result: { sessions: session === null ? [] : [session], skipped: skippedList(skips) },
    cursor: JSON.stringify(next),
  };
}

async function walk(dir: string, depth: number, files: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // a missing or unreadable folder holds no sessions
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Anything named like a rollout is listed, a FIFO too: reading it says what it is and
    // counts it as skipped, instead of passing over it unseen.
    if (entry.isDirectory()) {
      if (depth < MAX_DEPTH) await walk(path, depth + 1, files);
    } else if (ROLLOUT.test(entry.name)) files.push(path);
  }
}
