import { open } from 'node:fs/promises';

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
  const handle = await open(path, 'r');
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
