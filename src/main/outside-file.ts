import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

// The one way tt opens a file it did not create (an agent's transcript, a sidecar, a marker
// file, another program's database). Such a path may be a FIFO, a device or a directory put
// there by anyone: opening a FIFO for reading waits for a writer forever, and /dev/zero never
// ends. So the file is opened with O_NONBLOCK (a FIFO opens at once), its type is checked on
// the open descriptor (no window between a check and the open), and anything but a regular
// file is closed and refused with what it is. O_NOFOLLOW, for files that are never symlinks,
// refuses a link in their place too.

export interface OpenOptions {
  /** Refuse a symbolic link in the file's place (its folders may still be links). */
  noFollow?: boolean;
}

/** A path that is not a regular file; `what` says what it is ("a FIFO"). */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path} is ${what}, not a regular file`);
  }
}

/** What a file that is not regular is, in words: "a FIFO", "a directory", "a device"… */
export function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return stats.isFile() ? 'a regular file' : 'something other than a file';
}

function flags(options: OpenOptions): number {
  return constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
}

/** A refused symlink (O_NOFOLLOW) is reported as what it is, not as the system's ELOOP. */
function refusedLink(path: string, error: unknown, options: OpenOptions): unknown {
  return options.noFollow && (error as NodeJS.ErrnoException).code === 'ELOOP'
    ? new NotRegularFileError(path, 'a symbolic link')
    : error;
}

/** Opens a file for reading, never waiting; throws NotRegularFileError or the system's error. */
export function openOutsideFile(path: string, options: OpenOptions = {}): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, flags(options));
  } catch (error) {
    throw refusedLink(path, error, options);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new NotRegularFileError(path, fileKind(stats));
  }
  return { fd, stats };
}

/** The same, for async reads. */
export async function openOutsideFileAsync(
  path: string,
  options: OpenOptions = {},
): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(path, flags(options));
  } catch (error) {
    throw refusedLink(path, error, options);
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw new NotRegularFileError(path, fileKind(stats));
  }
  return { handle, stats };
}

/** A small text file whole; null when it is bigger than `maxBytes` (never read past that). */
export function readOutsideText(path: string, maxBytes: number, options: OpenOptions = {}): string | null {
  const { fd, stats } = openOutsideFile(path, options);
  try {
    if (stats.size > maxBytes) return null;
    const buffer = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return buffer.subarray(0, filled).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * For a path handed to a library that opens it itself (SQLite): throws NotRegularFileError
 * unless it is missing or a regular file (a symlink is judged by what it points to).
 */
export function requireRegularOrMissing(path: string): void {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats !== undefined && !stats.isFile()) throw new NotRegularFileError(path, fileKind(stats));
}

export function isNotRegularFile(error: unknown): error is NotRegularFileError {
  return error instanceof NotRegularFileError;
}
