import { createHash } from 'node:crypto';
import { closeSync, readSync } from 'node:fs';
import { openOutsideFile } from '../../outside-file';

// Reads the complete lines of an append-only file from a byte offset, one chunk at a time: a
// half-written last line waits for its newline (the next read starts at it), and a line longer
// than the cap is never held whole, only counted.

const CHUNK_BYTES = 1 << 20;
export const MAX_LINE_BYTES = 64 << 20;
/** How much of the file's start, and of what comes before the offset, identifies it. */
const EDGE_BYTES = 4096;

export interface LinesRead {
  /** past the last complete line: where the next read starts */
  end: number;
  /** lines over the cap, skipped */
  oversized: number;
  /** a fingerprint of the bytes read so far (see fingerprint) */
  head: string;
}

export function readLinesFrom(
  path: string,
  offset: number,
  onLine: (line: string) => void,
  maxLineBytes = MAX_LINE_BYTES,
): LinesRead {
  const { fd, stats } = openOutsideFile(path);
  try {
    const size = stats.size;
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let tooLong = false;
    let oversized = 0;
    let position = offset;
    let end = offset;
    while (position < size) {
      const n = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, size - position), position);
      if (n === 0) break;
      let from = 0;
      for (let nl = chunk.indexOf(10, 0); nl !== -1 && nl < n; nl = chunk.indexOf(10, from)) {
        if (tooLong) oversized++;
        else {
          pending.push(chunk.subarray(from, nl));
          onLine(Buffer.concat(pending).toString('utf8'));
        }
        pending = [];
        pendingBytes = 0;
        tooLong = false;
        end = position + nl + 1;
        from = nl + 1;
      }
      if (!tooLong && from < n) {
        pendingBytes += n - from;
        if (pendingBytes > maxLineBytes) {
          tooLong = true;
          pending = [];
        } else pending.push(Buffer.from(chunk.subarray(from, n)));
      }
      position += n;
    }
    return { end, oversized, head: headOf(fd, end) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A fingerprint of a file's bytes before `end`: its first and its last EDGE_BYTES. Other bytes
 * there than at the last read mean the file was rewritten, not appended to.
 */
export function headFingerprint(path: string, end: number): string {
  const { fd } = openOutsideFile(path);
  try {
    return headOf(fd, end);
  } finally {
    closeSync(fd);
  }
}

function headOf(fd: number, end: number): string {
  const hash = createHash('sha1');
  for (const from of end > EDGE_BYTES ? [0, end - EDGE_BYTES] : [0]) {
    const bytes = Buffer.alloc(Math.min(end, EDGE_BYTES));
    const n = bytes.length === 0 ? 0 : readSync(fd, bytes, 0, bytes.length, from);
    hash.update(bytes.subarray(0, n));
  }
  return hash.digest('hex');
}
