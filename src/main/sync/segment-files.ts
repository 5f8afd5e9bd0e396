import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SEGMENT_NAME } from '../../core/sync/segment';
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
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
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

/** A segment's text (gunzipped when its name says .gz). */
export function readSegmentText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}
