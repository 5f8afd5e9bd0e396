// Real git repositories in temp dirs, made with the real git.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'tt test',
      GIT_AUTHOR_EMAIL: 'tt@example.com',
      GIT_COMMITTER_NAME: 'tt test',
      GIT_COMMITTER_EMAIL: 'tt@example.com',
    },
  });
}

/** A repository with one commit, and origin set when a URL is given. */
export function makeGitRepo(dir: string, origin?: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'start');
  if (origin) git(dir, 'remote', 'add', 'origin', origin);
  return dir;
}

/** A linked worktree of repo at path, on a new branch. */
export function addWorktree(repo: string, path: string, branch: string): string {
  git(repo, 'worktree', 'add', '-q', '-b', branch, path);
  return path;
}
