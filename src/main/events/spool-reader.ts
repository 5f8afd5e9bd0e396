// Reading the spool from where the last import stopped, in bounded batches of whole lines.
// A last line without its newline is still being written (or was torn by a crash): it is
// left for the next import, which finds it complete.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SPOOL_FILE_PATTERN } from './spool';

export interface SpoolBatch {
  /** complete lines, without their newlines */
  lines: string[];
  /** where the next batch starts: just after the last complete line */
  endOffset: number;
  /** lines longer than a batch, skipped whole (no writer of tt makes them) */
  oversized: number;
}

export const SPOOL_BATCH_BYTES = 4 * 1024 * 1024;

/** The spool files in the data directory, oldest month first. */
export function listSpoolFiles(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => SPOOL_FILE_PATTERN.test(name))
    .sort()
    .map((name) => join(dataDir, name));
}

export function spoolSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

/** Reads the complete lines after `offset`, at most about `maxBytes` of them; null at the end. */
export function readSpoolBatch(
  path: string,
  offset: number,
  maxBytes = SPOOL_BATCH_BYTES,
): SpoolBatch | null {
  const size = spoolSize(path);
  if (offset >= size) return null;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // retired meanwhile
    throw error;
  }
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes, size - offset));
    const length = readSync(fd, buffer, 0, buffer.length, offset);
    const chunk = buffer.subarray(0, length);
    const lastNewline = chunk.lastIndexOf(0x0a);
    if (lastNewline === -1) {
      if (length < maxBytes) return null; // an unfinished last line: next time
      // A "line" filling the whole batch: skip to the next newline, wherever it is.
      const next = findNewline(fd, offset + length, size);
      return next === -1 ? null : { lines: [], endOffset: next + 1, oversized: 1 };
    }
    const lines = chunk.subarray(0, lastNewline).toString('utf8').split('\n');
    return { lines, endOffset: offset + lastNewline + 1, oversized: 0 };
  } finally {
    closeSync(fd);
  }
}

function findNewline(fd: number, from: number, size: number): number {
  const buffer = Buffer.alloc(64 * 1024);
  for (let position = from; position < size; position += buffer.length) {
    const length = readSync(fd, buffer, 0, buffer.length, position);
    const index = buffer.subarray(0, length).indexOf(0x0a);
    if (index !== -1) return position + index;
  }
  return -1;
}

/** How many lines end before `offset`: for messages that name a line, so never on the hot path. */
export function countLines(path: string, offset: number): number {
  if (offset === 0) return 0;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    let lines = 0;
    for (let position = 0; position < offset; position += buffer.length) {
      const length = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (length === 0) break;
      for (let i = 0; i < length; i++) if (buffer[i] === 0x0a) lines++;
    }
    return lines;
  } finally {
    closeSync(fd);
  }
}
