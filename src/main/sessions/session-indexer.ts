import type { Database } from 'better-sqlite3';
import type { IndexResult } from '../../shared/api';
import { sessionEntryFrom, type SessionState } from '../../core/transcript/session-state';
import { ParsePool } from './parse-pool';
import { scanProjectRoots, type ScanResult, type TranscriptFile } from './scanner';
import { SessionIdentities } from './session-identities';
import { SessionRepo, type FileError, type FileWrite, type IndexedFile } from './session-repo';
import type { ParseJob, ParseOutcome } from './transcript-reader';
import { REREAD_FOR_TURNS_MARK } from '../store/migrations/006-turns';
import { REREAD_FOR_PROMPTS_MARK } from '../store/migrations/009-prompt-texts';

// One indexing run: find transcripts, skip the unchanged ones (same size and mtime), read
// the rest from where the last run stopped (or from the start when a file was rewritten),
// in worker threads, and write the results in batched transactions as they arrive.

export interface IndexProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface IndexerOptions {
  db: Database;
  now: () => number;
  roots: readonly string[];
  /** the built worker script; null parses in-process; undefined uses out/main/session-worker.js */
  workerPath?: string | null;
  poolSize?: number;
  /** lines longer than this are skipped, not buffered */
  maxLineBytes?: number;
  onProgress?: (progress: IndexProgress) => void;
  /** runs with less to read than this parse in-process (default 16 MB); 0 always uses workers */
  inProcessBelowBytes?: number;
}

export interface IndexRun extends IndexResult {
  /** why parsing ran in-process instead of in worker threads, when it did */
  workerFallback: string | null;
  workers: number;
  /** files that could not be read, with the reason */
  problems: { path: string; reason: string }[];
  /** where the time went: listing and stat-ing files, comparing with the index, reading and writing (Claude Code's); the other agents' files, all phases */
  phaseMs: { scan: number; plan: number; parseAndWrite: number; otherSources?: number };
}

/** Results are written in transactions of this many files (or fewer, at the end). */
const BATCH_FILES = 256;
/** …or sooner when this much time has passed, so that a kill loses little work. */
const BATCH_MS = 500;
const PROGRESS_MS = 100;
const IN_PROCESS_BELOW_BYTES = 16 << 20;
const IN_PROCESS_BELOW_FILES = 200;

const NO_MESSAGES = 'no messages (nothing to show yet)';
const NO_CWD = 'no cwd (kept without a project)';
const HALF_WRITTEN = 'half-written last line (read once complete)';
const REWRITTEN = 'rewritten in place (read again from the start)';
const REREAD_FOR_TURNS = 're-read from the start to count agent turns and waiting (once, after an update)';
const REREAD_FOR_PROMPTS = 're-read from the start to keep the words of prompts (once, after an update)';

export async function runIndex(options: IndexerOptions, givenScan?: ScanResult): Promise<IndexRun> {
  const started = performance.now();
  const scan = givenScan ?? scanProjectRoots(options.roots);
  const scanned = performance.now();
  const repo = new SessionRepo(options.db, options.now);
  const known = repo.indexedFiles();
  const result: IndexRun = {
    roots: scan.roots,
    filesSeen: scan.files.length,
    filesIndexed: 0,
    filesUnchanged: 0,
    filesSkipped: Object.values(scan.skipped).reduce((a, b) => a + b, 0),
    skippedReasons: { ...scan.skipped },
    missingRoots: scan.missingRoots,
    sessionsWritten: 0,
    bytesRead: 0,
    durationMs: 0,
    phaseMs: { scan: Math.round(scanned - started), plan: 0, parseAndWrite: 0 },
    workerFallback: null,
    workers: 0,
    problems: [...scan.skippedPaths],
  };
  const count = (reason: string, n = 1): void => {
    result.skippedReasons[reason] = (result.skippedReasons[reason] ?? 0) + n;
  };

  // Transcripts Claude Code deleted stay indexed; they are only marked as gone.
  const present = new Set(scan.files.map((file) => file.path));
  const gone = [...known.values()]
    .filter((file) => file.status !== 'missing' && !present.has(file.path))
    .filter((file) => scan.roots.some((root) => file.path.startsWith(`${root}/`)))
    .map((file) => file.path);
  if (gone.length > 0) repo.markMissing(gone);

  const identities = new SessionIdentities(repo, scan.files, (path, countAs, reason) => {
    count(countAs);
    result.problems.push({ path, reason });
  });
  // The transcripts of each session id, for re-reading the other copies of a rewritten one.
  const pathsOfSession = new Map<string, string[]>();
  for (const file of known.values()) {
    if (file.sessionId === null) continue;
    const paths = pathsOfSession.get(file.sessionId);
    if (paths) paths.push(file.path);
    else pathsOfSession.set(file.sessionId, [file.path]);
  }
  const filesByPath = new Map(scan.files.map((file) => [file.path, file]));
  /** Sessions whose derived rows this run replaced: their other copies add to them, not replace. */
  const replaced = new Set<string>();

  const work: { file: TranscriptFile; job: ParseJob }[] = [];
  for (const file of scan.files) {
    const previous = known.get(file.path);
    if (isUnchanged(file, previous)) {
      result.filesUnchanged++;
      continue;
    }
    if (previous?.error === REREAD_FOR_TURNS_MARK) count(REREAD_FOR_TURNS);
    if (previous?.error === REREAD_FOR_PROMPTS_MARK) count(REREAD_FOR_PROMPTS);
    work.push({ file, job: jobFor(file, previous, options.maxLineBytes) });
  }

  const progress: IndexProgress = {
    bytesDone: 0,
    bytesTotal: work.reduce((sum, item) => sum + Math.max(0, item.file.size - item.job.offset), 0),
    filesDone: 0,
    filesTotal: work.length,
  };
  let lastProgressAt = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastProgressAt < PROGRESS_MS) return;
    lastProgressAt = now;
    options.onProgress?.({ ...progress });
  };
  const planned = performance.now();
  result.phaseMs.plan = Math.round(planned - scanned);
  report(true);
  if (work.length === 0) {
    result.durationMs = Math.round(performance.now() - started);
    return result;
  }

  // Starting workers costs tens of milliseconds: a few megabytes are parsed faster in-process.
  const small =
    progress.bytesTotal < (options.inProcessBelowBytes ?? IN_PROCESS_BELOW_BYTES) &&
    work.length < IN_PROCESS_BELOW_FILES;
  const pool = new ParsePool({ workerPath: small ? null : options.workerPath, size: options.poolSize });
  let writes: FileWrite[] = [];
  let errors: FileError[] = [];
  let lastFlush = performance.now();
  const flush = (): void => {
    if (writes.length === 0 && errors.length === 0) return;
    result.sessionsWritten += repo.writeBatch(writes, errors);
    writes = [];
    errors = [];
    lastFlush = performance.now();
  };

  /** New transcripts whose id another one in this run also has: settled at the end, in scan order. */
  const waiting: { item: (typeof work)[number]; outcome: Extract<ParseOutcome, { ok: true }> }[] = [];
  /** Parses started while the run goes (other copies of a rewritten session). */
  const later: Promise<void>[] = [];

  const write = (
    item: (typeof work)[number],
    outcome: Extract<ParseOutcome, { ok: true }>,
    sessionId: string,
    previous: IndexedFile | undefined,
  ): void => {
    const entry = sessionEntryFrom(
      {
        sessionId,
        parentSessionId: item.file.parentSessionId,
        isSubagent: item.file.isSubagent,
        agentType: outcome.agentType,
      },
      outcome.state,
    );
    if (entry === null) {
      result.filesSkipped++;
      count(NO_MESSAGES);
    } else {
      result.filesIndexed++;
      if (entry.projectPath === null) count(NO_CWD);
    }
    const fromStart = outcome.startOffset === 0;
    const replaceDerived = fromStart && previous !== undefined && !replaced.has(sessionId);
    if (replaceDerived) {
      replaced.add(sessionId);
      readOtherCopiesAgain(sessionId, item.file.path);
    }
    writes.push({
      path: item.file.path,
      sessionId,
      entry,
      fromStart,
      replaceDerived,
      startOffset: outcome.startOffset,
      previousOpenSpanStart: item.job.state?.openSpan?.[0] ?? null,
      previousOpenTurnStart: item.job.state?.turns?.open?.start ?? null,
      prompts: outcome.delta.prompts,
      closedSpans: outcome.delta.closedSpans,
      timeSpans: outcome.delta.timeSpans,
      summaries: outcome.delta.summaries,
      state: outcome.state,
      size: outcome.sizeSeen,
      mtimeMs: outcome.mtimeMs,
      ctimeMs: outcome.ctimeMs,
      readOffset: outcome.readOffset,
      inode: outcome.inode,
      fingerprint: outcome.fingerprint,
      status: entry === null ? 'no-messages' : 'ok',
    });
  };

  /** The session's rows were replaced: its other copies (same id, other roots) are read again. */
  const readOtherCopiesAgain = (sessionId: string, path: string): void => {
    for (const other of pathsOfSession.get(sessionId) ?? []) {
      const file = filesByPath.get(other);
      if (other === path || file === undefined) continue;
      const job: ParseJob = { path: other, offset: 0, state: null, metaPath: file.metaPath };
      const item = { file, job: { ...job, maxLineBytes: options.maxLineBytes } };
      progress.filesTotal++;
      later.push(pool.parse(item.job).then((outcome) => handle(item, outcome)));
    }
  };

  const handle = (item: (typeof work)[number], outcome: ParseOutcome): void => {
    result.bytesRead += outcome.bytesRead;
    progress.filesDone++;
    progress.bytesDone += Math.max(0, item.file.size - item.job.offset);
    if (!outcome.ok) {
      result.filesSkipped++;
      count(outcome.reason);
      result.problems.push({ path: item.file.path, reason: outcome.reason });
      errors.push({ path: item.file.path, error: outcome.reason });
    } else {
      const lineReasons = Object.entries(outcome.delta.skipped).sort((a, b) => b[1] - a[1]);
      for (const [reason, n] of lineReasons) count(reason, n);
      // Named as well as counted, so that a person can look at the lines.
      if (lineReasons.length > 0) {
        const reason = lineReasons.map(([why, n]) => `${n} × ${why}`).join('; ');
        result.problems.push({ path: item.file.path, reason });
      }
      if (outcome.halfWrittenTail) count(HALF_WRITTEN);
      if (outcome.rewritten) {
        count(REWRITTEN);
        result.problems.push({ path: item.file.path, reason: REWRITTEN });
      }
      const previous = known.get(item.file.path);
      const storedId = previous?.sessionId ?? null;
      if (storedId !== null) write(item, outcome, storedId, previous);
      else if (identities.mustWait(item.file)) waiting.push({ item, outcome });
      else write(item, outcome, identities.settle(item.file, outcome.state), undefined);
    }
    if (writes.length + errors.length >= BATCH_FILES || performance.now() - lastFlush >= BATCH_MS) flush();
    report(false);
  };

  try {
    // Largest first, so that one big transcript does not start last and run alone.
    work.sort((a, b) => b.file.size - b.job.offset - (a.file.size - a.job.offset));
    await Promise.all(work.map((item) => pool.parse(item.job).then((outcome) => handle(item, outcome))));
    while (later.length > 0) await Promise.all(later.splice(0));
    flush();
    // Ids settled in scan order, so that which copy keeps the plain id never depends on timing.
    waiting.sort((a, b) => identities.scanOrder(a.item.file) - identities.scanOrder(b.item.file));
    for (const { item, outcome } of waiting) {
      write(item, outcome, identities.settle(item.file, outcome.state), undefined);
      if (writes.length >= BATCH_FILES) flush();
    }
    flush();
  } finally {
    result.workerFallback = pool.fallbackReason;
    result.workers = pool.workerCount;
    await pool.close();
  }
  report(true);
  result.phaseMs.parseAndWrite = Math.round(performance.now() - planned);
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/**
 * Same size, mtime and ctime as last time, and nothing left to retry: not read again. The
 * ctime catches a write whose mtime was set back (`touch -d`); a file indexed before tt kept
 * it (null) is judged by size and mtime.
 */
function isUnchanged(file: TranscriptFile, previous: IndexedFile | undefined): boolean {
  if (previous === undefined || previous.status === 'error' || previous.status === 'missing') return false;
  return (
    previous.size === file.size &&
    previous.mtimeMs === file.mtimeMs &&
    (previous.ctimeMs === null || previous.ctimeMs === file.ctimeMs)
  );
}

/**
 * Resume where the last run stopped unless the file shrank (rewritten: read it from the start).
 * A file that grew or kept its size may still have been rewritten in place: the reader checks
 * its inode and the bytes before the offset against what this run saw last time.
 */
function jobFor(file: TranscriptFile, previous: IndexedFile | undefined, maxLineBytes?: number): ParseJob {
  const grew =
    previous !== undefined &&
    previous.stateJson !== null &&
    previous.size >= 0 &&
    file.size >= previous.size &&
    previous.readOffset <= file.size;
  const state: SessionState | null = grew ? (JSON.parse(previous.stateJson!) as SessionState) : null;
  return {
    path: file.path,
    offset: grew ? previous.readOffset : 0,
    state,
    metaPath: file.metaPath,
    maxLineBytes,
    previous: grew ? { inode: previous.inode, fingerprint: previous.fingerprint, size: previous.size } : null,
  };
}
