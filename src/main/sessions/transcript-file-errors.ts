import type { Stats } from 'node:fs';
import { fileErrorReason, type FileErrorWords } from '../file-error-reason';
import { fileKind, isNotRegularFile } from '../outside-file';

/** Where the index report words a failure its own way (the errno table is file-error-reason.ts). */
const TRANSCRIPT_WORDS: FileErrorWords = {
  byCode: { ENOENT: 'deleted during the scan', EISDIR: 'not a regular file' },
  otherwise: (message) => `unreadable: ${message}`,
};

/** Why a transcript could not be read, in the words `tt sessions index` reports. */
export function describeFileError(error: unknown): string {
  if (isNotRegularFile(error)) return `not a regular file (${error.what})`;
  return fileErrorReason(error, TRANSCRIPT_WORDS);
}

/** Why a path that is not a regular file is skipped, in the words the index report uses. */
export function notRegularFile(stats: Stats): string {
  return `not a regular file (${fileKind(stats)})`;
}
