import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countJjWorkspaces,
  identityFromGit,
  identityFromJj,
  identityFromPath,
  jjRemoteUrl,
  parseGitWorktreeList,
  repoNameFromRemoteUrl,
} from '../../src/core/identity';

describe('repoNameFromRemoteUrl', () => {
  it.each([
    ['https://github.com/user/time-tracker.git', 'time-tracker'],
    ['https://github.com/user/time-tracker', 'time-tracker'],
    ['https://github.com/user/time-tracker/', 'time-tracker'],
    ['https://github.com/user/time-tracker.git/', 'time-tracker'],
    ['https://user:token@gitlab.example.com/group/sub/api.git', 'api'],
    ['git@github.com:user/dotfiles.git', 'dotfiles'],
    ['git@github.com:dotfiles.git', 'dotfiles'],
    ['github.com:user/dotfiles', 'dotfiles'],
    ['ssh://git@github.com:22/user/pivot.git', 'pivot'],
    ['ssh://git@example.com/~sam/pivot', 'pivot'],
    ['git://example.com/pivot.git', 'pivot'],
    ['file:///srv/git/shared.git', 'shared'],
    ['/srv/git/shared.git', 'shared'],
    ['/srv/git/shared/.git', 'shared'],
    ['../shared', 'shared'],
    ['C:\\repos\\win-app', 'win-app'],
    ['  https://github.com/user/spaced.git\n', 'spaced'],
  ])('%s names %s', (url, name) => {
    expect(repoNameFromRemoteUrl(url)).toBe(name);
  });

  it('gives no name for empty or hostless URLs', () => {
    for (const url of [
      '',
      '   ',
      null,
      undefined,
      'https://github.com',
      'https://github.com/',
      '.git',
      '/',
    ]) {
      expect(repoNameFromRemoteUrl(url)).toBeNull();
    }
  });
});

// What real jj prints (jj 0.2x): `jj git remote list`, `jj workspace list`, `jj root`.
const ONE_WORKSPACE = 'default: rlvkpnrz 8d5b7f9c (empty) (no description set)\n';
const TWO_WORKSPACES =
  'default: rlvkpnrz 8d5b7f9c (empty) (no description set)\n' +
  'feature: qpvuntsm 230dd059 add the timeline\n';

describe('identityFromJj', () => {
  it('names the project after the remote and the workspace after the root', () => {
    expect(
      identityFromJj({
        remoteList: 'origin https://github.com/user/time-tracker.git\n',
        workspaceList: TWO_WORKSPACES,
        root: '/home/sami/time-tracker/default\n',
      }),
    ).toEqual({ projectName: 'time-tracker', workspaceName: 'default' });
  });

  it('prefers origin among several remotes, else takes the first', () => {
    expect(jjRemoteUrl('upstream https://x/a/up.git\norigin git@x:me/fork.git\n')).toBe('git@x:me/fork.git');
    expect(jjRemoteUrl('upstream https://x/a/up.git\n')).toBe('https://x/a/up.git');
    expect(jjRemoteUrl('')).toBeNull();
  });

  it('without a remote and with several workspaces, uses the folder holding the workspaces', () => {
    expect(
      identityFromJj({ remoteList: '', workspaceList: TWO_WORKSPACES, root: '/home/sami/pivot/feature' }),
    ).toEqual({ projectName: 'pivot', workspaceName: 'feature' });
  });

  it('without a remote and with one workspace, uses the root folder name', () => {
    expect(
      identityFromJj({ remoteList: '', workspaceList: ONE_WORKSPACE, root: '/home/sami/notes' }),
    ).toEqual({
      projectName: 'notes',
      workspaceName: 'notes',
    });
  });

  it('counts workspaces by their "name:" lines', () => {
    expect(countJjWorkspaces(ONE_WORKSPACE)).toBe(1);
    expect(countJjWorkspaces(TWO_WORKSPACES)).toBe(2);
    expect(countJjWorkspaces('')).toBe(0);
  });

  it('gives nothing when jj printed no root', () => {
    expect(identityFromJj({ remoteList: '', workspaceList: ONE_WORKSPACE, root: '\n' })).toBeNull();
  });
});

describe('identityFromGit', () => {
  const porcelain =
    'worktree /home/sami/shop\nHEAD 1111111111111111111111111111111111111111\nbranch refs/heads/main\n\n' +
    'worktree /home/sami/shop-wt/fix login\nHEAD 2222222222222222222222222222222222222222\ndetached\n\n';

  it('parses the porcelain worktree list, main worktree first', () => {
    expect(parseGitWorktreeList(porcelain)).toEqual([
      { path: '/home/sami/shop', bare: false },
      { path: '/home/sami/shop-wt/fix login', bare: false },
    ]);
  });

  it('names a main worktree after origin, else its folder', () => {
    expect(
      identityFromGit({
        toplevel: '/home/sami/shop\n',
        originUrl: 'git@github.com:acme/storefront.git',
        worktreeList: porcelain,
      }),
    ).toEqual({ projectName: 'storefront', workspaceName: 'shop' });
    expect(
      identityFromGit({ toplevel: '/home/sami/shop', originUrl: null, worktreeList: porcelain }),
    ).toEqual({
      projectName: 'shop',
      workspaceName: 'shop',
    });
  });

  it('gives a linked worktree the main repository name and its own folder as workspace', () => {
    expect(
      identityFromGit({ toplevel: '/home/sami/shop-wt/fix login', originUrl: null, worktreeList: porcelain }),
    ).toEqual({ projectName: 'shop', workspaceName: 'fix login' });
  });

  it('names a bare repository without its .git, or after its parent for a hidden folder', () => {
    const bare = (path: string) =>
      `worktree ${path}\nbare\n\nworktree /w/feature\nHEAD 3\nbranch refs/heads/f\n`;
    expect(
      identityFromGit({ toplevel: '/w/feature', originUrl: null, worktreeList: bare('/srv/shop.git') }),
    ).toEqual({
      projectName: 'shop',
      workspaceName: 'feature',
    });
    expect(
      identityFromGit({ toplevel: '/w/feature', originUrl: null, worktreeList: bare('/src/shop/.bare') }),
    ).toEqual({ projectName: 'shop', workspaceName: 'feature' });
  });

  it('works without a worktree list', () => {
    expect(identityFromGit({ toplevel: '/a/b', originUrl: '', worktreeList: '' })).toEqual({
      projectName: 'b',
      workspaceName: 'b',
    });
  });
});

describe('identityFromPath', () => {
  it('uses the seed heuristic for the project and the folder for the workspace', () => {
    expect(identityFromPath('/home/sami/time-tracker/default')).toEqual({
      projectName: 'time-tracker',
      workspaceName: 'default',
    });
    expect(identityFromPath('/')).toEqual({ projectName: 'unknown', workspaceName: null });
  });
});

describe('repoNameFromRemoteUrl, for any repository name', () => {
  it('finds the name in every common URL form', () => {
    const segment = fc
      .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/)
      .filter((s) => !/\.git$/i.test(s) && s !== '.' && s !== '..');
    fc.assert(
      fc.property(
        segment,
        segment,
        fc.constantFrom('github.com', 'gitlab.example.org', 'host'),
        (owner, repo, host) => {
          const forms = [
            `https://${host}/${owner}/${repo}.git`,
            `https://${host}/${owner}/${repo}`,
            `https://${host}/${owner}/${repo}/`,
            `git@${host}:${owner}/${repo}.git`,
            `ssh://git@${host}:22/${owner}/${repo}.git`,
            `/srv/${owner}/${repo}.git`,
            `file:///srv/${owner}/${repo}`,
          ];
          for (const url of forms) expect(repoNameFromRemoteUrl(url)).toBe(repo);
        },
      ),
    );
  });
});
