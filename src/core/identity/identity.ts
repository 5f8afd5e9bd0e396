// Which project a directory belongs to: the project (the repository, shared by all its
// workspaces/worktrees) and the workspace (the checkout the directory sits in).

export interface ProjectIdentity {
  projectName: string;
  /** the checkout's folder name; null when the path has no folder at all */
  workspaceName: string | null;
}

/** How an identity was found: from jj, from git, or from the path alone. */
export type IdentitySource = 'jj' | 'git' | 'path';

export interface ResolvedIdentity extends ProjectIdentity {
  source: IdentitySource;
}
