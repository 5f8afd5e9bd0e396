import type { ProjectIdentity } from './identity';
import { folderName, parentFolderName, samePath } from './folders';
import { repoNameFromRemoteUrl } from './remote-url';

/** What `git rev-parse --show-toplevel`, `git remote get-url origin` and `git worktree list --porcelain` printed. */
export interface GitOutputs {
  toplevel: string;
  /** null when the repository has no `origin` */
  originUrl: string | null;
  worktreeList: string;
}

export interface GitWorktree {
  path: string;
  bare: boolean;
}

/** Parses `git worktree list --porcelain`: blank-line separated records; the first is the main worktree. */
export function parseGitWorktreeList(porcelain: string): GitWorktree[] {
  const worktrees: GitWorktree[] = [];
  for (const line of porcelain.split('\n')) {
    if (line.startsWith('worktree ')) worktrees.push({ path: line.slice('worktree '.length), bare: false });
    else if (line === 'bare' && worktrees.length > 0) worktrees[worktrees.length - 1]!.bare = true;
  }
  return worktrees;
}

/** The repository's own name from its main worktree (or bare repository) folder. */
function mainRepositoryName(main: GitWorktree): string | null {
  const name = folderName(main.path);
  if (name === null) return null;
  if (!main.bare) return name;
  // ~/src/tt.git is "tt"; ~/src/tt/.bare (a common layout for worktrees) is "tt".
  const stripped = name.replace(/\.git$/i, '');
  return stripped === '' || stripped.startsWith('.') ? parentFolderName(main.path) : stripped;
}

/**
 * The same idea as jj with git: the project is the origin's repository name, else the main
 * worktree's folder name (so a linked worktree belongs to the repository it was made from);
 * the workspace is the folder of the worktree the directory is in.
 */
export function identityFromGit(outputs: GitOutputs): ProjectIdentity | null {
  const toplevel = outputs.toplevel.trim();
  const workspaceName = folderName(toplevel);
  if (workspaceName === null) return null;
  const remoteName = repoNameFromRemoteUrl(outputs.originUrl);
  const main = parseGitWorktreeList(outputs.worktreeList)[0];
  const linked = main !== undefined && !samePath(main.path, toplevel);
  const projectName = remoteName ?? (linked ? (mainRepositoryName(main) ?? workspaceName) : workspaceName);
  return { projectName, workspaceName };
}
