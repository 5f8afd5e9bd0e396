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
