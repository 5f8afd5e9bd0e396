// A home directory names its user; the project part of a path is what grouping needs. So
// `/home/marco/projects/spotter` is sent as `~/projects/spotter`.

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Any user's home on Linux, macOS or Windows, and root's. */
const ANY_HOME = /(?:\/home\/|\/Users\/|[A-Za-z]:\\Users\\)[^/\\\s"'`]+|\/root(?=[/\\\s"'`]|$)/g;

/** Replaces the given home directories, then any other user's, with `~`. */
export function replaceHomeDirs(text: string, homes: readonly string[]): string {
  let out = text;
  const own = homes
    .filter((home) => home.replace(/[/\\]+$/, '').length > 1)
    .sort((a, b) => b.length - a.length);
  for (const home of own) {
    const trimmed = home.replace(/[/\\]+$/, '');
    out = out.replace(new RegExp(`${escapeRegExp(trimmed)}(?=[/\\\\\\s"'\`]|$)`, 'g'), '~');
  }
  return out.replace(ANY_HOME, '~');
}
