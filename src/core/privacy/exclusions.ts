// Projects a person keeps away from the LLM, by name (`client-x`, `acme-*`) or by path glob
// (`~/work/secret/**`, `/srv/*/private`). Their sessions and focus keep directory streams.

/** What an exclusion is matched against: a session's or a focus event's project and directory. */
export interface ExclusionTarget {
  projectName: string | null;
  path: string | null;
}

export type ExclusionTest = (target: ExclusionTarget) => boolean;

/** The test when nothing is excluded (the same function, so callers can skip work). */
export const NO_EXCLUSIONS: ExclusionTest = () => false;

const escapeRegExp = (text: string): string => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** `**` any folders, `*` anything within one name, `?` one character. */
function globSource(glob: string): string {
  return escapeRegExp(glob)
    .split('**')
    .map((part) => part.replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
    .join('.*');
}

/** A project name or name glob (`client-*`), matched whole and regardless of case. */
export function projectNamePattern(glob: string): RegExp {
  return new RegExp(`^${globSource(glob.trim())}$`, 'i');
}

/** A path glob names a folder: it has a slash or starts with `~`; anything else is a project name. */
export function isPathGlob(pattern: string): boolean {
  return pattern.includes('/') || pattern.startsWith('~');
}

/**
 * The test for a list of exclusions. A path glob matches the folder and everything in it; `~`
 * stands for `home`. A project name matches the project tt shows (case does not matter).
 */
export function compileExclusions(patterns: readonly string[], home: string | null): ExclusionTest {
  const paths: RegExp[] = [];
  const names: RegExp[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === '') continue;
    if (isPathGlob(pattern)) {
      const expanded =
        home && pattern.startsWith('~') ? home.replace(/\/+$/, '') + pattern.slice(1) : pattern;
      paths.push(new RegExp(`^${globSource(expanded.replace(/\/+$/, ''))}(?:/.*)?$`));
    } else {
      names.push(projectNamePattern(pattern));
    }
  }
  if (paths.length === 0 && names.length === 0) return NO_EXCLUSIONS;
  return ({ projectName, path }) =>
    (projectName !== null && names.some((name) => name.test(projectName))) ||
    (path !== null && paths.some((glob) => glob.test(path.replace(/\/+$/, ''))));
}

/** A session as exclusion sees it: its project, its folder, and its parent (for subagents). */
interface SessionPlace {
  sessionId: string;
  parentSessionId: string | null;
  projectPath: string | null;
  identity: { projectName: string };
}

/** Sessions whose project is excluded, with every subagent under them (their work is that project's). */
export function excludedSessionIds(
  sessions: readonly SessionPlace[],
  isExcluded: ExclusionTest,
): Set<string> {
  const excluded = new Set<string>();
  if (isExcluded === NO_EXCLUSIONS) return excluded;
  const parentOf = new Map(sessions.map((s) => [s.sessionId, s.parentSessionId]));
  const direct = new Set(
    sessions
      .filter((s) => isExcluded({ projectName: s.identity.projectName, path: s.projectPath }))
      .map((s) => s.sessionId),
  );
  for (const session of sessions) {
    const seen = new Set<string>();
    for (let id: string | null | undefined = session.sessionId; id && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id);
      if (direct.has(id)) {
        excluded.add(session.sessionId);
        break;
      }
    }
  }
  return excluded;
}
