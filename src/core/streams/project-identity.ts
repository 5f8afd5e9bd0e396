// Project identity from a path alone (when jj/git cannot be asked: the directory is gone or the
// binaries are missing), and the key that names a directory stream.
//
// Worktrees: a git worktree or jj workspace exists so that a separate piece of work can go on
// beside the main checkout (often by an agent, in parallel). So each non-main workspace is its
// own stream, under the same project name so that reports by project add them up. The main
// checkout (no workspace, or one named like a default branch: main, master, …) is the
// project's own stream.
//
// Branches: a session on a feature branch belongs to the stream of (project, branch), wherever
// the checkout is; the default branch, a detached HEAD or an unknown branch leave it in its
// checkout's stream above.

import { extractProjectName, folderNames, projectNameText } from '../project-name';
import { branchKind, isDefaultBranchName, type ResolvedIdentity } from '../identity';
import type { ProjectIdentity } from './stream-model';
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
  const segments = folderNames(path);
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
  return workspace === null || workspace === identity.projectName || isDefaultBranchName(workspace);
}

/** The key of the directory stream: the project, plus the workspace when it is a separate one. */
export function projectKey(identity: ProjectIdentity): string {
  return isMainWorkspace(identity)
    ? identity.projectName
    : `${identity.projectName}/${identity.workspaceName}`;
}

/** "gqc" for spotter-gqc in project spotter: the project's name is already in the stream's name. */
function withoutProjectPrefix(projectName: string, name: string): string {
  const prefix = `${projectName}-`;
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name;
}

/** "spotter" for the main checkout; "spotter · gqc" for the worktree spotter-worktrees/spotter-gqc. */
export function directoryStreamName(identity: ProjectIdentity): string {
  if (isMainWorkspace(identity)) return identity.projectName;
  return `${identity.projectName} · ${withoutProjectPrefix(identity.projectName, identity.workspaceName!)}`;
}

/**
 * The key and name of the stream for work in a checkout on a branch: (project, branch) for a
 * feature branch ("spotter/@fix-auth", "spotter · fix-auth"), else the checkout's own stream.
 * The key's first "/" part is always the project's name.
 */
export function placeKeyAndName(
  identity: ProjectIdentity,
  branch: string | null,
): { key: string; name: string } {
  if (branchKind(branch) === 'feature') {
    return {
      key: `${identity.projectName}/@${branch}`,
      name: `${identity.projectName} · ${withoutProjectPrefix(identity.projectName, projectNameText(branch!))}`,
    };
  }
  return { key: projectKey(identity), name: directoryStreamName(identity) };
}

/**
 * Where work was, in words, for a placement's reason: "feature branch `fix-auth` of project
 * spotter", "workspace `spotter-gqc` of project spotter", "project spotter".
 */
export function placeDescription(identity: ProjectIdentity, branch: string | null): string {
  if (branchKind(branch) === 'feature')
    return `feature branch \`${branch}\` of project ${identity.projectName}`;
  if (!isMainWorkspace(identity)) {
    return `workspace \`${identity.workspaceName}\` of project ${identity.projectName}`;
  }
  return `project ${identity.projectName}`;
}

/**
 * The identity a stream is keyed by, from what the resolver said about a directory: jj and git
 * know the truth; a path-only answer is re-read here with the worktree layouts above.
 */
export function streamIdentity(resolved: ResolvedIdentity, path: string): ProjectIdentity {
  if (resolved.source === 'path') return worktreeIdentityFromPath(path);
  return { projectName: resolved.projectName, workspaceName: resolved.workspaceName };
}
