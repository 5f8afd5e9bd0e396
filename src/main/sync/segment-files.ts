import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline, type Duplex, type Readable } from 'node:stream';
import type { Decipher } from 'node:crypto';
import { ENVELOPE_BYTES, TAG_BYTES, openSegment } from './segment-crypto';
import { createGunzip } from 'node:zlib';
import { SEGMENT_LIMITS, SEGMENT_NAME, SegmentParser, type ParsedSegment } from '../../core/sync/segment';
import { fileErrorReason } from '../file-error-reason';
import { makePrivateDirectory } from '../paths';
import { PRIVATE_FILE_MODE } from '../private-files';

// Segment files on disk. A segment is written under a temporary name and renamed into place,
// so a syncing engine (or a reader) never sees half a file; a temporary file left by a killed
// export is never read, and is cleaned up by the next export from the same machine.

/** Where a machine's segments live under a sync root: `<root>/<machine id>/`. */
export function machineDir(root: string, machine: string): string {
  return join(root, machine);
}

const TEMP_PREFIX = '.tmp-';

/**
 * Writes `bytes` as `dir/name`, atomically and privately (0600, directories 0700).
 * `abortHalfway` is for the test that kills an export mid-write.
 */
export function writeSegmentFile(
  dir: string,
  name: string,
  bytes: Uint8Array,
  abortHalfway?: () => never,
): void {
  makePrivateDirectory(dir);
  const temp = join(dir, `${TEMP_PREFIX}${name}.${process.pid}`);
  rmSync(temp, { force: true }); // a leftover of a killed writer with this pid, or a planted link
  // A new file, never through a link planted under its name.
  const fd = openSync(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    PRIVATE_FILE_MODE,
  );
  try {
    if (abortHalfway) {
      writeSync(fd, bytes.subarray(0, Math.floor(bytes.length / 2)));
      fsyncSync(fd);
      abortHalfway();
    }
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, join(dir, name));
}

/** Temporary files that a killed writer left behind in `dir`. */
export function removeLeftoverTemps(dir: string): void {
  for (const name of safeList(dir))
    if (name.startsWith(TEMP_PREFIX)) rmSync(join(dir, name), { force: true });
}

export interface SegmentFile {
  seq: number;
  name: string;
  path: string;
}

/** The segments in `dir`, by sequence number; a missing dir has none. */
export function listSegments(dir: string): SegmentFile[] {
  const files: SegmentFile[] = [];
  for (const name of safeList(dir)) {
    const match = name.match(SEGMENT_NAME);
    if (match) files.push({ seq: Number(match[1]), name, path: join(dir, name) });
  }
  return files.sort((a, b) => a.seq - b.seq);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Why a folder tt would write into is refused, or null: it must be a real folder, not a
 * symbolic link (a link would send this machine's segments wherever it points). A missing
 * folder is fine: it is made.
 */
export function ownFolderProblem(dir: string): string | null {
  let stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return `cannot look at ${dir}: ${fileErrorReason(error)}`;
  }
  if (stats.isSymbolicLink()) {
    return `${dir} is a symbolic link, not a folder: tt writes this machine's segments only into a real folder of its own (remove the link)`;
  }
  if (!stats.isDirectory()) return `cannot write to ${dir}: it is not a folder`;
  return null;
}

const MB = 1024 * 1024;

/**
 * Reads a segment as a stream (gunzipped when its name says .gz), stopping at SEGMENT_LIMITS:
 * a synced folder is input from outside. Only a regular file is read, opened without following
 * a link and without waiting on a pipe; anything else is refused with a reason.
 */
export async function readSegment(
  path: string,
  sealed?: { machine: string; seq: number; passphrase: string | null },
): Promise<ParsedSegment> {
  const parser = new SegmentParser();
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    parser.refuse(
      code === 'ELOOP' ? 'it is a symbolic link: not followed' : `cannot read it: ${fileErrorReason(error)}`,
    );
    return parser.finish();
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    parser.refuse('not a regular file (a pipe, a device or a folder): not read');
    return parser.finish();
  }
  const encrypted = path.endsWith('.enc');
  let decipher: Decipher | null = null;
  if (encrypted) {
    const problem = sealedProblem(fd, stats.size, sealed);
    if (typeof problem === 'string') {
      closeSync(fd);
      parser.refuse(problem);
      return parser.finish();
    }
    decipher = problem;
  }
  const file = encrypted
    ? createReadStream('', {
        fd,
        highWaterMark: MB,
        start: ENVELOPE_BYTES - TAG_BYTES,
        end: stats.size - TAG_BYTES - 1,
      })
    : createReadStream('', { fd, highWaterMark: MB });
  const gunzip = path.endsWith('.gz') || encrypted ? createGunzip() : null;
  const stages = [file, ...(decipher ? [decipher] : []), ...(gunzip ? [gunzip] : [])];
  // One pipeline: an error anywhere (a failed authentication at the end) ends the reading with it.
  if (stages.length > 1) pipeline(stages as unknown as [Readable, Duplex], () => {});
  const source: Readable = gunzip ?? file;
  let bytes = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  const line = (parts: Buffer[]) => parser.push(Buffer.concat(parts).toString('utf8'));
  try {
    reading: for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > SEGMENT_LIMITS.bytes) {
        parser.refuse(`more than ${SEGMENT_LIMITS.bytes / MB} MB of text (tt writes less): not read further`);
        break;
      }
      let from = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, from)) {
        partial.push(chunk.subarray(from, newline));
        const stop = line(partial);
        partial = [];
        partialBytes = 0;
        from = newline + 1;
        if (stop !== null) break reading;
      }
      if (from < chunk.length) {
        partial.push(chunk.subarray(from));
        partialBytes += chunk.length - from;
        if (partialBytes > SEGMENT_LIMITS.lineBytes) {
          parser.refuse(
            `a line longer than ${SEGMENT_LIMITS.lineBytes / MB} MB (tt writes shorter ones): not read further`,
          );
          break;
        }
      }
    }
    if (partialBytes > 0) line(partial);
  } catch (error) {
    parser.refuse(
      decipher
        ? 'it fails authentication: the sync passphrase here is not the one it was written with, or it was altered'
        : gunzip
          ? `not a readable gzip file: ${fileErrorReason(error)}`
          : `cannot read it: ${fileErrorReason(error)}`,
    );
  } finally {
    gunzip?.destroy();
    decipher?.destroy();
    file.destroy();
  }
  return parser.finish();
}

/** The decipher for an encrypted segment, or why it cannot be read. */
function sealedProblem(
  fd: number,
  size: number,
  sealed: { machine: string; seq: number; passphrase: string | null } | undefined,
): Decipher | string {
  if (sealed === undefined || sealed.passphrase === null) {
    return 'encrypted: set the sync passphrase on this machine (`tt sync passphrase`), the same as on the machine that wrote it';
  }
  if (size < ENVELOPE_BYTES) return 'cut short (shorter than an encrypted segment can be)';
  if (size > SEGMENT_LIMITS.bytes) return `more than ${SEGMENT_LIMITS.bytes / MB} MB: not read`;
  const head = Buffer.alloc(ENVELOPE_BYTES - TAG_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  readSync(fd, head, 0, head.length, 0);
  readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  return openSegment(head, tag, sealed.passphrase, sealed.machine, sealed.seq);
}
