import { describeError } from './errors';

/** Why a file of the person's or of the spool could not be used, in words. */
export function fileErrorReason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ERR_INVALID_ARG_VALUE': // Node refuses a path with a NUL byte before asking the system
      return 'the name holds a NUL byte';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EIO':
      return 'a read or write error (EIO)';
    default:
      return describeError(error);
  }
}

/** A failure of the file system (errno), as opposed to SQLite's or a bug. */
export function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
