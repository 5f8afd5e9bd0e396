import { statSync } from 'node:fs';

/**
 * Whether a path is a regular file. A FIFO or device under a session folder would make a read
 * wait forever, so anything else is skipped, never opened.
 */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const NOT_REGULAR = 'not a regular file (skipped, never opened)';
