import { describeError } from './errors';

/** Where a caller's words differ for a code (the index report's "deleted during the scan"). */
export interface FileErrorWords {
  byCode?: Readonly<Record<string, string>>;
  /** Wraps the error's own message when no code has words. */
  otherwise?: (message: string) => string;
}

/** The one errno table: why a file of the person's or of tt's could not be used, in words. */
const REASONS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'the name is too long',
  ERR_INVALID_ARG_VALUE: 'the name holds a NUL byte', // Node refuses a NUL byte before asking the system
  ENOSPC: 'the disk is full',
  ELOOP: 'symlink loop',
  EIO: 'an I/O error (EIO)',
};

/** Why a file could not be used, in words: the caller's for its code, else the table's, else the message. */
export function fileErrorReason(error: unknown, words: FileErrorWords = {}): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const known = code === undefined ? undefined : (words.byCode?.[code] ?? REASONS[code]);
  if (known !== undefined) return known;
  const message = describeError(error);
  return words.otherwise ? words.otherwise(message) : message;
}

/** A failure of the file system (errno), as opposed to SQLite's or a bug. */
export function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
