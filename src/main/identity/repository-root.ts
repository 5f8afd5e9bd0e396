// Finding the repository a directory is in by looking for .jj and .git on the way up: a few
// stat calls, no subprocess, so that identities can be cached per repository.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileErrorReason } from '../file-error-reason';

export interface RepositoryRoot {
  path: string;
  /** a jj workspace (.jj) */
  jj: boolean;
  /** a git worktree or a colocated jj repo (.git, a folder or a worktree's file) */
  git: boolean;
}

export type RootLookup =
  | { kind: 'repository'; root: RepositoryRoot }
  | { kind: 'plain' }
  /** the directory no longer exists */
  | { kind: 'missing' }
  /** the file system refuses to look at it (permission denied, a name too long, a NUL byte) */
  | { kind: 'unreadable'; reason: string };

export function findRepositoryRoot(dir: string): RootLookup {
  let current = resolve(dir);
  try {
    if (!statSync(current, { throwIfNoEntry: false })?.isDirectory()) return { kind: 'missing' };
  } catch (error) {
    return { kind: 'unreadable', reason: fileErrorReason(error) };
  }
  for (;;) {
    const jj = exists(join(current, '.jj'));
    const git = exists(join(current, '.git'));
    if (jj || git) return { kind: 'repository', root: { path: current, jj, git } };
    const parent = dirname(current);
    if (parent === current) return { kind: 'plain' };
    current = parent;
  }
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
