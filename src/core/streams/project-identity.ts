// Project identity from a path alone (when jj/git cannot be asked: the directory is gone or the
// binaries are missing), and the key that names a directory stream.
//
// Worktrees: a git worktree or jj workspace exists so that a separate piece of work can go on
// beside the main checkout (often by an agent, in parallel). So each non-main workspace is its
// own stream, under the same project name so that reports by project add them up. The main
// checkout (no workspace, or one named default/main/master/trunk) is the project's own stream.

import { extractProjectName, pathSegments } from '../project-name';
import type { ResolvedIdentity } from '../identity';
import type { ProjectIdentity } from './stream-model';

const MAIN_WORKSPACE_NAMES = new Set(['default', 'main', 'master', 'trunk']);
const WORKTREE_CONTAINERS = new Set(['worktrees', '.worktrees', 'workspaces', '.workspaces']);

/**
 * Refines the path heuristic (used when jj/git cannot be asked) with the usual worktree layouts:
 *   …/<project>-worktrees/<worktree>   (e.g. spotter-worktrees/spotter-gqc)
 *   …/<project>/.worktrees/<worktree>, …/<project>/worktrees/<worktree>,
 *   …/<project>/.claude/worktrees/<worktree>
 *   …/<project>/<default|main|…>       (a jj workspace layout: the main workspace)
 * Anything else is the project's main checkout, named by the seed plan's heuristic.
 */
export function worktreeIdentityFromPath(path: string): ProjectIdentity {
  const segments = pathSegments(path);
  const base = segments.at(-1);
  const parent = segments.at(-2);
  if (base !== undefined && parent !== undefined) {
    const suffixed = /^(.+)[-_.](worktrees|workspaces)$/.exec(parent);
    if (suffixed) return { projectName: suffixed[1]!, workspaceName: base };
    if (WORKTREE_CONTAINERS.has(parent)) {
      const owner = segments.at(-3) === '.claude' ? segments.at(-4) : segments.at(-3);
      if (owner !== undefined) return { projectName: owner, workspaceName: base };
    }
  }
  return { projectName: extractProjectName(path), workspaceName: null };
}

/** Whether the workspace is the project's main line of work rather than a separate one. */
export function isMainWorkspace(identity: ProjectIdentity): boolean {
  const workspace = identity.workspaceName;
  return workspace === null || workspace === identity.projectName || MAIN_WORKSPACE_NAMES.has(workspace);
}

/** The key of the directory stream: the project, plus the workspace when it is a separate one. */
export function projectKey(identity: ProjectIdentity): string {
  return isMainWorkspace(identity)
    ? identity.projectName
    : `${identity.projectName}/${identity.workspaceName}`;
}

/** "spotter" for the main checkout; "spotter · gqc" for the worktree spotter-worktrees/spotter-gqc. */
export function directoryStreamName(identity: ProjectIdentity): string {
  if (isMainWorkspace(identity)) return identity.projectName;
  const workspace = identity.workspaceName!;
  const prefix = `${identity.projectName}-`;
  const short =
    workspace.startsWith(prefix) && workspace.length > prefix.length
      ? workspace.slice(prefix.length)
      : workspace;
  return `${identity.projectName} · ${short}`;
}

/**
 * The identity a stream is keyed by, from what the resolver said about a directory: jj and git
 * know the truth; a path-only answer is re-read here with the worktree layouts above.
 */
export function streamIdentity(resolved: ResolvedIdentity, path: string): ProjectIdentity {
  if (resolved.source === 'path') return worktreeIdentityFromPath(path);
  return { projectName: resolved.projectName, workspaceName: resolved.workspaceName };
}
