// The path heuristic for a project's name (the seed plan's extract_project_name): the last
// folder of a path, except that workspace-style folder names give way to their parent, so
// that /home/sam/time-tracker/default is "time-tracker", not "default".

const WORKSPACE_FOLDER_NAMES = new Set(['default', 'main', 'dev', 'feature', 'master']);

/** Splits a POSIX or Windows path into its non-empty folder names, exactly as they are. */
export function pathSegments(path: string): string[] {
  return path.split(/[\\/]+/).filter((segment) => segment.length > 0);
}

/** The longest project, workspace or folder name tt shows; a longer one is cut with "…". */
export const NAME_MAX_CHARS = 100;

/**
 * The one rule for a name that came from outside (a folder, a `.project_root` marker, a git
 * remote), for every agent: control characters are escaped (a line break shows as `\n`, a NUL
 * as `\0`, an escape as `\x1b`), so a name is one line that no terminal acts on, and it is at
 * most NAME_MAX_CHARS long. A 100 KB marker file becomes a 100-character name.
 */
export function projectNameText(raw: string): string {
  const escaped = raw.replace(/\p{Cc}/gu, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    if (ch === '\0') return '\\0';
    return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return escaped.length <= NAME_MAX_CHARS ? escaped : `${escaped.slice(0, NAME_MAX_CHARS - 1)}…`;
}

/** The folder names of a path as names (projectNameText), for showing and naming. */
export function folderNames(path: string): string[] {
  return pathSegments(path).map(projectNameText);
}

export function extractProjectName(path: string): string {
  const segments = folderNames(path);
  const base = segments.at(-1);
  if (base === undefined) return 'unknown';
  if (WORKSPACE_FOLDER_NAMES.has(base) && segments.length >= 2) return segments.at(-2)!;
  return base;
}
