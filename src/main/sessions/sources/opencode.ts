import { basename, join } from 'node:path';
import { SkipTally } from '../../../core/agents/skip-tally';
import type { AgentSource } from './agent-source';
import { dirEntries } from './dir-entries';
import { readOpenCodeDb, sessionIdsIn } from './opencode-db';
import { listStorageSessions, readStorageSession } from './opencode-storage';
import { isNotRegularFile, requireRegularOrMissing } from '../../outside-file';

// OpenCode keeps its data in $XDG_DATA_HOME/opencode (~/.local/share/opencode): current
// versions in the SQLite database opencode.db (opencode-<channel>.db for other release
// channels), older ones in the JSON tree storage/. Both are listed: a database is read by its
// cursor, a JSON session file whole.

/** opencode.db, or opencode-<channel>.db; never its -wal or -shm companions. */
const DATABASE = /^opencode(-[\w.-]+)?\.db$/;

export const openCodeSource: AgentSource = {
  agent: 'opencode',
  label: 'OpenCode',
  overrideVariable: 'XDG_DATA_HOME',
  defaultRoots(env, home) {
    return [join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'opencode')];
  },
  async listFiles(root) {
    const databases = dirEntries(root)
      .filter((n) => DATABASE.test(n))
      .map((n) => join(root, n));
    // OpenCode moves its JSON tree into the database once and may leave the files behind: a
    // session the database holds is read from there only (its copy is the one kept current).
    const inDatabases = new Set(databases.flatMap(sessionIdsIn));
    const storage = listStorageSessions(join(root, 'storage')).filter(
      (f) => !inDatabases.has(basename(f, '.json')),
    );
    return [...databases, ...storage];
  },
  async read(path, cursor) {
    const skips = new SkipTally();
    try {
      requireRegularOrMissing(path);
    } catch (error) {
      if (!isNotRegularFile(error)) throw error;
      skips.add(
        `OpenCode: ${basename(path)} is not a regular file (${error.what}; skipped, never waited on)`,
      );
      return { result: { sessions: [], skipped: skips.list() }, cursor };
    }
    if (path.endsWith('.db')) {
      const read = readOpenCodeDb(path, cursor, skips);
      return { result: { sessions: read.sessions, skipped: skips.list() }, cursor: read.cursor };
    }
    try {
      const session = readStorageSession(path, skips);
      return { result: { sessions: session === null ? [] : [session], skipped: skips.list() }, cursor: null };
    } catch (error) {
      skips.add(`OpenCode: unreadable session file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return { result: { sessions: [], skipped: skips.list() }, cursor: null };
    }
  },
};
