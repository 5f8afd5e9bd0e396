import { stat } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import type { AgentKind } from '../../core/agents/agent-session';
import type { IndexResult, SourceIndexSummary } from '../../shared/api';
import type { AgentReadOutcome } from './agent-read-job';
import { AgentSessionWriter, type AgentFileError, type AgentFileWrite } from './agent-session-writer';
import { SessionRepo } from './session-repo';
import { ParsePool } from './parse-pool';
import type { IndexProgress } from './session-indexer';
import type { AgentSource } from './sources/agent-source';
import { describeFileError } from './transcript-file-errors';

// One indexing run over the other agents' files (Claude Code has session-indexer.ts): list each
// source's files under its roots, skip the unchanged ones (same size and mtime), read the rest
// in the worker pool from the cursor the last read returned, and write the sessions they touched.
// A file that cannot be read, or a line the adapter skipped, is counted with its reason.

export interface AgentIndexOptions {
  db: Database;
  now: () => number;
  /** the enabled sources, each with the roots to look in */
  sources: readonly { source: AgentSource; roots: readonly string[] }[];
  workerPath?: string | null;
  poolSize?: number;
  inProcessBelowBytes?: number;
  onProgress?: (progress: IndexProgress) => void;
}

/** What a run did, in the words of the index summary (IndexResult), plus per source. */
export interface AgentIndexRun extends Pick<
  IndexResult,
  | 'roots'
  | 'filesSeen'
  | 'filesIndexed'
  | 'filesUnchanged'
  | 'filesSkipped'
  | 'skippedReasons'
  | 'sessionsWritten'
  | 'bytesRead'
> {
  problems: { path: string; reason: string }[];
  bySource: SourceIndexSummary[];
  workerFallback: string | null;
}

interface AgentFile {
  agent: AgentKind;
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  cursor: string | null;
  /** bytes expected to be read: the whole file, or what grew since the cursor */
  bytes: number;
}

const NO_MESSAGES = 'no messages (nothing to show yet)';
const BATCH_FILES = 256;
const IN_PROCESS_BELOW_BYTES = 16 << 20;

export async function runAgentIndex(options: AgentIndexOptions): Promise<AgentIndexRun> {
  const repo = new AgentSessionWriter(new SessionRepo(options.db, options.now), options.now);
  const run: AgentIndexRun = {
    roots: [],
    filesSeen: 0,
    filesIndexed: 0,
    filesUnchanged: 0,
    filesSkipped: 0,
    skippedReasons: {},
    sessionsWritten: 0,
    bytesRead: 0,
    problems: [],
    bySource: [],
    workerFallback: null,
  };
  const count = (reason: string, n = 1): void => {
    run.skippedReasons[reason] = (run.skippedReasons[reason] ?? 0) + n;
  };
  const work: AgentFile[] = [];
  const summaries = new Map<AgentKind, SourceIndexSummary>();

  for (const { source, roots } of options.sources) {
    const summary: SourceIndexSummary = {
      agent: source.agent,
      label: source.label,
      roots: [],
      filesSeen: 0,
      filesIndexed: 0,
      filesUnchanged: 0,
      filesSkipped: 0,
    };
    summaries.set(source.agent, summary);
    run.bySource.push(summary);
    const known = repo.files(source.agent);
    const present = new Set<string>();
    for (const root of roots) {
      if (!(await isDirectory(root))) continue;
      summary.roots.push(root);
      run.roots.push(root);
      let paths: string[];
      try {
        paths = await source.listFiles(root);
      } catch (error) {
        // One source that cannot list its files never stops the others.
        const reason = `${source.label}: files could not be listed (${describeFileError(error)})`;
        count(reason);
        run.problems.push({ path: root, reason });
        continue;
      }
      for (const path of paths) {
        const stats = await stat(path).catch((error: unknown) => describeFileError(error));
        if (typeof stats === 'string') {
          run.filesSkipped++;
          summary.filesSkipped++;
          count(stats);
          run.problems.push({ path, reason: stats });
          continue;
        }
        present.add(path);
        run.filesSeen++;
        summary.filesSeen++;
        const { size, mtimeMs, ctimeMs, database } = await changeStamp(path, stats);
        const previous = known.get(path);
        const readBefore =
          previous !== undefined && (previous.status === 'ok' || previous.status === 'no-messages');
        const same =
          previous?.size === size &&
          previous.mtimeMs === mtimeMs &&
          (previous.ctimeMs === null || previous.ctimeMs === ctimeMs);
        if (readBefore && same) {
          run.filesUnchanged++;
          summary.filesUnchanged++;
          continue;
        }
        // A file that shrank was rewritten: read from the start, without the old cursor. A
        // database shrinks when its WAL is checkpointed; its reader asks for rows changed since
        // the cursor, so it keeps it.
        // A file that changed without growing was rewritten (an append always grows it).
        const resume = readBefore && (database || size > previous.size);
        const cursor = resume ? previous.cursor : null;
        work.push({
          agent: source.agent,
          path,
          size,
          mtimeMs,
          ctimeMs,
          cursor,
          bytes: resume ? size - previous.size : size,
        });
      }
    }
    // Files the agent deleted stay indexed, marked as gone, with their sessions.
    const gone = [...known.values()]
      .filter((file) => file.status !== 'missing' && !present.has(file.path))
      .filter((file) => summary.roots.some((root) => file.path.startsWith(`${root}/`)))
      .map((file) => file.path);
    if (gone.length > 0) repo.markMissing(gone);
  }

  const progress: IndexProgress = {
    bytesDone: 0,
    bytesTotal: work.reduce((sum, file) => sum + file.bytes, 0),
    filesDone: 0,
    filesTotal: work.length,
  };
  options.onProgress?.({ ...progress });
  if (work.length === 0) return run;

  const small = progress.bytesTotal < (options.inProcessBelowBytes ?? IN_PROCESS_BELOW_BYTES);
  const pool = new ParsePool({ workerPath: small ? null : options.workerPath, size: options.poolSize });
  let writes: AgentFileWrite[] = [];
  let errors: AgentFileError[] = [];
  const flush = (): void => {
    if (writes.length + errors.length === 0) return;
    run.sessionsWritten += repo.writeBatch(writes, errors);
    writes = [];
    errors = [];
  };
  const handle = (file: AgentFile, outcome: AgentReadOutcome): void => {
    const summary = summaries.get(file.agent)!;
    progress.filesDone++;
    progress.bytesDone += file.bytes;
    if (!outcome.ok) {
      run.filesSkipped++;
      summary.filesSkipped++;
      count(outcome.reason);
      run.problems.push({ path: file.path, reason: outcome.reason });
      errors.push({ agent: file.agent, path: file.path, error: outcome.reason });
    } else {
      run.bytesRead += file.bytes;
      const { sessions, skipped } = outcome.result;
      for (const { reason, count: n } of skipped) count(reason, n);
      if (skipped.length > 0) {
        const reason = skipped.map((s) => `${s.count} × ${s.reason}`).join('; ');
        run.problems.push({ path: file.path, reason });
      }
      if (sessions.length > 0) {
        run.filesIndexed++;
        summary.filesIndexed++;
      } else {
        run.filesSkipped++;
        summary.filesSkipped++;
        if (skipped.length === 0) count(NO_MESSAGES);
      }
      writes.push({ ...file, cursor: outcome.cursor, sessions });
    }
    if (writes.length + errors.length >= BATCH_FILES) flush();
    options.onProgress?.({ ...progress });
  };
  try {
    work.sort((a, b) => b.bytes - a.bytes);
    await Promise.all(
      work.map((file) =>
        pool
          .readAgent({ agent: file.agent, path: file.path, cursor: file.cursor })
          .then((o) => handle(file, o)),
      ),
    );
    flush();
  } finally {
    run.workerFallback = pool.fallbackReason;
    await pool.close();
  }
  return run;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What says a file changed: its size and mtime. A SQLite database in WAL mode (OpenCode's)
 * takes new rows in its `-wal` companion first, so the database file alone can look unchanged:
 * the companion's size and mtime count too.
 */
async function changeStamp(
  path: string,
  stats: { size: number; mtimeMs: number; ctimeMs: number },
): Promise<{ size: number; mtimeMs: number; ctimeMs: number; database: boolean }> {
  const database = path.endsWith('.db');
  const wal = database ? await stat(`${path}-wal`).catch(() => null) : null;
  return {
    size: stats.size + (wal?.size ?? 0),
    mtimeMs: Math.trunc(Math.max(stats.mtimeMs, wal?.mtimeMs ?? 0)),
    ctimeMs: Math.trunc(Math.max(stats.ctimeMs, wal?.ctimeMs ?? 0)),
    database,
  };
}
