import type { Stats } from 'node:fs';

/** Why a transcript could not be read, in the words `tt sessions index` reports. */
export function describeFileError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'deleted during the scan';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'not a regular file';
    case 'ELOOP':
      return 'symlink loop';
    case 'EIO':
      return 'read error (EIO)';
    default:
      return `unreadable: ${(error as Error)?.message ?? String(error)}`;
  }
}

/** Why a path that is not a regular file is skipped, in the words the index report uses. */
export function notRegularFile(stats: Stats): string {
  const kind = stats.isFIFO()
    ? 'a FIFO'
    : stats.isSocket()
      ? 'a socket'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isDirectory()
          ? 'a folder'
          : 'something else';
  return `not a regular file (${kind})`;
}
