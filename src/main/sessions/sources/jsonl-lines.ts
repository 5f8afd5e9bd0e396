import { createHash } from 'node:crypto';
import { openOutsideFileAsync } from '../../outside-file';

// Reads the complete lines of a JSONL file after `offset`, a chunk at a time: never the whole
// file in one string, never a line longer than `maxLineBytes` in memory (such a line is
// skipped and counted). A last line without its newline is left for the next read.

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export interface JsonlRead {
  /** past the last complete line: where the next read starts */
  offset: number;
  bytesRead: number;
  /** lines skipped because they were longer than maxLineBytes */
  oversized: number;
  /** a last line without its newline yet */
  halfWrittenTail: boolean;
}

export async function readJsonlLines(
  path: string,
  offset: number,
  maxLineBytes: number,
  onLine: (line: string) => void,
): Promise<JsonlRead> {
  const { handle } = await openOutsideFileAsync(path);
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let position = offset;
    let lineStart = offset;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let dropping = false;
    const result: JsonlRead = { offset, bytesRead: 0, oversized: 0, halfWrittenTail: false };
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      result.bytesRead += bytesRead;
      let from = 0;
      for (
        let nl = chunk.indexOf(NEWLINE, 0);
        nl !== -1 && nl < bytesRead;
        nl = chunk.indexOf(NEWLINE, from)
      ) {
        if (!dropping) {
          pending.push(chunk.subarray(from, nl));
          onLine(Buffer.concat(pending).toString('utf8'));
        }
        pending = [];
        pendingBytes = 0;
        dropping = false;
        from = nl + 1;
        lineStart = position + from;
      }
      if (from < bytesRead && !dropping) {
        pendingBytes += bytesRead - from;
        if (pendingBytes > maxLineBytes) {
          result.oversized++;
          dropping = true;
          pending = [];
        } else pending.push(Buffer.from(chunk.subarray(from, bytesRead)));
      }
      position += bytesRead;
    }
    result.offset = lineStart;
    result.halfWrittenTail = position > lineStart;
    return result;
  } finally {
    await handle.close();
  }
}

/** Bytes before an offset that a resumed read checks, to tell an append from a rewrite. */
const FINGERPRINT_BYTES = 4096;

/**
 * A hash of the (up to) 4 KiB before `offset`: the same after an append, different (almost
 * always) when the file was rewritten in place. null at offset 0 or when the file is shorter.
 */
export async function fingerprintBefore(path: string, offset: number): Promise<string | null> {
  if (offset <= 0) return null;
  const length = Math.min(FINGERPRINT_BYTES, offset);
  const { handle } = await openOutsideFileAsync(path);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset - length);
    if (bytesRead < length) return null;
    return createHash('sha1').update(buffer).digest('hex');
  } finally {
    await handle.close();
  }
}
