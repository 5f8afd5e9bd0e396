import { extractProjectName, folderNames, pathSegments } from '../project-name';
import type { ProjectIdentity } from './identity';

/** The last folder name of a path, or null for a root or an empty path. */
export function folderName(path: string): string | null {
  return folderNames(path).at(-1) ?? null;
}

/** The folder that contains the path's last folder, or null when there is none. */
export function parentFolderName(path: string): string | null {
  return folderNames(path).at(-2) ?? null;
}

/** Paths compared as folders: trailing separators do not make them differ. */
export function samePath(a: string, b: string): boolean {
  return pathSegments(a).join('/') === pathSegments(b).join('/') && a.startsWith('/') === b.startsWith('/');
}

/**
 * The fallback when neither jj nor git can say anything (no repository, a missing binary, a
 * directory that no longer exists): the seed plan's path heuristic.
 */
export function identityFromPath(path: string): ProjectIdentity {
  return { projectName: extractProjectName(path), workspaceName: folderName(path) };
}
