// Which branch a checkout is on, as Claude Code records it (`gitBranch`) and as git says it at
// import. The names of a project's main line live here and nowhere else.

/** Branch (and workspace) names that mean "the project's main line", not one piece of work. */
export const DEFAULT_BRANCH_NAMES: readonly string[] = ['main', 'master', 'trunk', 'default', 'develop'];

/** What `git rev-parse --abbrev-ref HEAD` (and so Claude Code's gitBranch) says for a detached HEAD. */
export const DETACHED_HEAD = 'HEAD';

/**
 * feature: a named branch other than the main line; default: the main line; detached: no
 * branch checked out; unknown: nothing recorded (not a git checkout, or an older Claude Code).
 */
export type BranchKind = 'feature' | 'default' | 'detached' | 'unknown';

export function isDefaultBranchName(name: string): boolean {
  return DEFAULT_BRANCH_NAMES.includes(name);
}

export function branchKind(branch: string | null | undefined): BranchKind {
  if (branch == null || branch.trim() === '') return 'unknown';
  if (branch === DETACHED_HEAD) return 'detached';
  return isDefaultBranchName(branch) ? 'default' : 'feature';
}
