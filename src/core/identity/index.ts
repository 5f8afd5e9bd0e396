// Project identity from jj or git outputs, or from the path: pure, so the main process's
// resolver only runs the commands and hands their outputs here.
export type { IdentitySource, ProjectIdentity, ResolvedIdentity } from './identity';
export { repoNameFromRemoteUrl } from './remote-url';
export { countJjWorkspaces, identityFromJj, jjRemoteUrl, type JjOutputs } from './jj';
export { identityFromGit, parseGitWorktreeList, type GitOutputs, type GitWorktree } from './git';
export { folderName, identityFromPath } from './folders';
export {
  DEFAULT_BRANCH_NAMES,
  DETACHED_HEAD,
  branchKind,
  isDefaultBranchName,
  type BranchKind,
} from './branch';
