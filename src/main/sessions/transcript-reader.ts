import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, readSync, type Stats } from 'node:fs';
import {
  SessionAccumulator,
  emptySessionState,
  type SessionDelta,
  type SessionState,
} from '../../core/transcript/session-state';
import { OversizedLineFold } from '../../core/transcript/oversized-line';
import { openOutsideFile, readOutsideText } from '../outside-file';
import { describeFileError } from './transcript-file-errors';

// Streams one transcript from where the last run stopped, line by line, without ever
// holding more than one chunk plus one (capped) line in memory. Runs in a worker thread, or
// in-process when workers are unavailable.

/** Read size: large enough that syscalls do not matter, small enough for many workers. */
const CHUNK_BYTES = 1 << 20;
/**
 * Longest line kept whole. A longer one is never buffered: it streams through
 * OversizedLineFold, which keeps its small top-level fields (type, timestamp, …) and drops
 * the huge values, and it is counted.
 */
export const DEFAULT_MAX_LINE_BYTES = 64 << 20;
/** A subagent's meta sidecar is a few fields: a bigger one is not read. */
const MAX_SIDECAR_BYTES = 1 << 20;

export interface ParseJob {
  path: string;
  /** where complete lines end so far (0 for a new or rewritten file) */
  offset: number;
  /** the state at `offset`, null to start fresh */
  state: SessionState | null;
  metaPath: string | null;
  maxLineBytes?: number;
  /**
   * What the last run saw of the file, to tell an append from a rewrite in place: a new inode or
   * other bytes before `offset` mean the file was replaced, and it is read from the start.
   * null (or null fields, for files indexed before tt kept them) trusts the offset.
   */
  previous?: { inode: number | null; fingerprint: string | null; size?: number } | null;
}

export type ParseOutcome =
  | {
      ok: true;
      path: string;
      state: SessionState;
      delta: SessionDelta;
      /** past the last complete line: where the next run resumes */
      readOffset: number;
      /** bytes seen, including a half-written last line */
      sizeSeen: number;
      /** the file's mtime before reading: a write during the read makes the next run look again */
      mtimeMs: number;
      /** the file's ctime before reading (only the system sets it: `touch -d` cannot hide a write) */
      ctimeMs: number;
      bytesRead: number;
      /** a last line without its newline yet; it is read once it is complete */
      halfWrittenTail: boolean;
      agentType: string | null;
      /** where this read began: the job's offset, or 0 when the file turned out rewritten */
      startOffset: number;
      /** the file was rewritten in place since the last run (so it was read from the start) */
      rewritten: boolean;
      inode: number;
      /** of the bytes before readOffset, for the next run's rewrite check */
      fingerprint: string | null;
    }
  | { ok: false; path: string; reason: string; bytesRead: number };

export function parseTranscript(job: ParseJob): ParseOutcome {
  let fd: number;
  try {
    // Never waits on a FIFO, refuses anything but a regular file (outside-file.ts).
    fd = openOutsideFile(job.path).fd;
  } catch (error) {
    return { ok: false, path: job.path, reason: describeFileError(error), bytesRead: 0 };
  }
  try {
    return readFrom(fd, job);
  } catch (error) {
    return { ok: false, path: job.path, reason: describeFileError(error), bytesRead: 0 };
  } finally {
    closeSync(fd);
  }
}

function readFrom(fd: number, job: ParseJob): ParseOutcome {
  const stats = fstatSync(fd);
  const rewritten = job.offset > 0 && isRewritten(fd, stats, job);
  const startOffset = rewritten ? 0 : job.offset;
  const startState = rewritten ? null : job.state;
  const maxLine = job.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const acc = new SessionAccumulator(startState ? structuredClone(startState) : emptySessionState());
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  // A line that spans chunks is assembled here, up to maxLine bytes.
  let carry: Buffer = Buffer.allocUnsafe(0);
  let carryLength = 0;
  let oversized = false;
  let position = startOffset;
  let lineStartOffset = startOffset;
  let bytesRead = 0;
  const tooLong = `line longer than ${formatMegabytes(maxLine)} (its big values left out)`;
  let fold: OversizedLineFold | null = null;
  const addOversized = (): void => {
    const compact = fold?.result() ?? null;
    fold = null;
    acc.skip(tooLong);
    if (compact === null) acc.skip('malformed line');
    else acc.addLine(compact, 0, compact.length);
  };

  const addLine = (bytes: Buffer, start: number, end: number): void => {
    if (!isUtf8(bytes.subarray(start, end))) acc.skip('invalid UTF-8 (read with replacement characters)');
    acc.addLine(bytes, start, end);
  };
  const appendCarry = (bytes: Buffer, start: number, end: number): void => {
    if (oversized) {
      fold!.feed(bytes, start, end);
      return;
    }
    const needed = carryLength + (end - start);
    if (needed > maxLine) {
      oversized = true;
      fold = new OversizedLineFold();
      fold.feed(carry, 0, carryLength);
      fold.feed(bytes, start, end);
      carryLength = 0;
      carry = Buffer.allocUnsafe(0);
      return;
    }
    if (needed > carry.length) {
      const grown = Buffer.allocUnsafe(Math.min(maxLine, Math.max(needed, carry.length * 2)));
      carry.copy(grown, 0, 0, carryLength);
      carry = grown;
    }
    bytes.copy(carry, carryLength, start, end);
    carryLength = needed;
  };

  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, position);
    if (n === 0) break;
    // Only the bytes just read: searches must not run into what an earlier read left behind.
    const chunk = n === CHUNK_BYTES ? buffer : buffer.subarray(0, n);
    bytesRead += n;
    // A byte-order mark before the first record is not part of it.
    let lineStart = position === 0 && startsWithBom(chunk) ? UTF8_BOM.length : 0;
    let newline = chunk.indexOf(10, 0);
    if (newline >= 0 && newline < n && (carryLength > 0 || oversized)) {
      // The end of a line begun in an earlier chunk.
      appendCarry(chunk, 0, newline);
      if (oversized) addOversized();
      else addLine(carry, 0, carryLength);
      carryLength = 0;
      oversized = false;
      lineStart = newline + 1;
      newline = chunk.indexOf(10, lineStart);
    }
    // Whole lines inside this chunk: check UTF-8 once for all of them, per line only if needed.
    const lastNewline = chunk.lastIndexOf(10, n - 1);
    const wholeEnd = lastNewline >= lineStart ? lastNewline : -1;
    const allValid = wholeEnd < 0 || isUtf8(chunk.subarray(lineStart, wholeEnd));
    while (newline >= 0 && newline < n) {
      if (newline - lineStart > maxLine) {
        fold = new OversizedLineFold();
        fold.feed(chunk, lineStart, newline);
        addOversized();
      } else if (allValid) acc.addLine(chunk, lineStart, newline);
      else addLine(chunk, lineStart, newline);
      lineStart = newline + 1;
      newline = chunk.indexOf(10, lineStart);
    }
    if (lineStart < n) appendCarry(chunk, lineStart, n);
    // Everything before lineStart is consumed; what follows waits in carry for its newline.
    if (lineStart > 0) lineStartOffset = position + lineStart;
    position += n;
  }

  return {
    ok: true,
    path: job.path,
    state: acc.state,
    delta: acc.delta,
    readOffset: lineStartOffset,
    sizeSeen: position,
    mtimeMs: Math.trunc(stats.mtimeMs),
    ctimeMs: Math.trunc(stats.ctimeMs),
    bytesRead,
    halfWrittenTail: lineStartOffset < position,
    agentType: job.metaPath ? readAgentType(job.metaPath) : null,
    startOffset,
    rewritten,
    inode: stats.ino,
    fingerprint: fingerprintBefore(fd, lineStartOffset),
  };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function startsWithBom(chunk: Buffer): boolean {
  return chunk.length >= UTF8_BOM.length && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
}

/** Bytes hashed at each end of what was read: enough to notice a rewrite, cheap on every append. */
const FINGERPRINT_BYTES = 4096;

/**
 * A hash of the first and the last 4 KiB before `offset` (and of `offset` itself): what an
 * append leaves alone and a rewrite in place almost always changes. null for offset 0.
 */
function fingerprintBefore(fd: number, offset: number): string | null {
  if (offset <= 0) return null;
  const hash = createHash('sha1').update(String(offset));
  const head = Buffer.allocUnsafe(Math.min(FINGERPRINT_BYTES, offset));
  hash.update(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
  if (offset > FINGERPRINT_BYTES) {
    const tail = Buffer.allocUnsafe(Math.min(FINGERPRINT_BYTES, offset - FINGERPRINT_BYTES));
    hash.update(tail.subarray(0, readSync(fd, tail, 0, tail.length, offset - tail.length)));
  }
  return hash.digest('base64');
}

/** Replaced (another inode), cut shorter than the offset, or other bytes before the offset. */
function isRewritten(fd: number, stats: Stats, job: ParseJob): boolean {
  if (stats.size < job.offset) return true;
  const previous = job.previous;
  if (!previous) return false;
  if (previous.inode !== null && previous.inode !== stats.ino) return true;
  // It is read because it changed (size, mtime or ctime); an append would have grown it. So a
  // change that kept its size was made in place (in its middle, say, where the fingerprint of
  // the edges does not look).
  if (previous.size !== undefined && stats.size <= previous.size) return true;
  return previous.fingerprint !== null && previous.fingerprint !== fingerprintBefore(fd, job.offset);
}

/** agentType from a subagent's agent-<id>.meta.json sidecar; a broken sidecar is ignored. */
function readAgentType(metaPath: string): string | null {
  try {
    // A FIFO or a device in its place is not read (it could block or never end).
    const text = readOutsideText(metaPath, MAX_SIDECAR_BYTES, { noFollow: true });
    const meta = text === null ? null : (JSON.parse(text) as { agentType?: unknown } | null);
    return typeof meta?.agentType === 'string' ? meta.agentType : null;
  } catch {
    return null;
  }
}

function formatMegabytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${bytes} bytes`;
}
