import { projectNameText } from '../project-name';
// The repository name in a git remote URL, whatever form the URL takes:
//   https://host/u/r.git, https://host/u/r, https://host/u/r/, git@host:u/r.git,
//   ssh://git@host:22/u/r.git, file:///srv/r.git, /srv/git/r.git, ../r, C:\repos\r

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)(.*)$/i;

export function repoNameFromRemoteUrl(url: string | null | undefined): string | null {
  let rest = (url ?? '').trim();
  if (rest === '') return null;
  const withScheme = URL_WITH_SCHEME.exec(rest);
  if (withScheme) {
    // Only the path names the repository; the host (and a port such as :22) does not.
    rest = (withScheme[2] ?? '').replace(/[?#].*$/, '');
  }
  const segments = rest.split(/[/\\:]+/).filter((segment) => segment.length > 0);
  // "r.git/" and "r/.git" both name r.
  while (segments.length > 0 && segments.at(-1) === '.git') segments.pop();
  const last = segments.at(-1);
  if (last === undefined) return null;
  const name = last.replace(/\.git$/i, '');
  return name === '' || name === '.' || name === '..' ? null : projectNameText(name);
}
