import type { ProjectIdentity } from './identity';
import { folderName, parentFolderName } from './folders';
import { repoNameFromRemoteUrl } from './remote-url';

/** What `jj git remote list`, `jj workspace list` and `jj root` printed. */
export interface JjOutputs {
  remoteList: string;
  workspaceList: string;
  root: string;
}

/**
 * The URL of the remote that names the project: `origin` when there is one, else the first.
 * `jj git remote list` prints one "name url" line per remote.
 */
export function jjRemoteUrl(remoteList: string): string | null {
  const remotes = remoteList
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string, ...string[]] => parts.length >= 2 && parts[0] !== '');
  const chosen = remotes.find(([name]) => name === 'origin') ?? remotes[0];
  return chosen?.[1] ?? null;
}

/** `jj workspace list` prints one "name: change commit description" line per workspace. */
export function countJjWorkspaces(workspaceList: string): number {
  return workspaceList.split('\n').filter((line) => /^\S[^:]*: /.test(line)).length;
}

/**
 * The seed plan's ProjectIdentity::from_jj_output: the project is the remote's repository
 * name; without a remote, the folder that holds the workspaces when there are several
 * (~/src/tt/default and ~/src/tt/feature are both "tt"), else the root's own folder name.
 * The workspace is the root's folder name.
 */
export function identityFromJj(outputs: JjOutputs): ProjectIdentity | null {
  const root = outputs.root.trim();
  const workspaceName = folderName(root);
  if (workspaceName === null) return null;
  const remoteName = repoNameFromRemoteUrl(jjRemoteUrl(outputs.remoteList));
  const severalWorkspaces = countJjWorkspaces(outputs.workspaceList) > 1;
  const projectName =
    remoteName ?? (severalWorkspaces ? (parentFolderName(root) ?? workspaceName) : workspaceName);
  return { projectName, workspaceName };
}
