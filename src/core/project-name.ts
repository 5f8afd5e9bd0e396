// The path heuristic for a project's name (the seed plan's extract_project_name): the last
// folder of a path, except that workspace-style folder names give way to their parent, so
// that /home/sam/time-tracker/default is "time-tracker", not "default".

const WORKSPACE_FOLDER_NAMES = new Set(['default', 'main', 'dev', 'feature', 'master']);

/** Splits a POSIX or Windows path into its non-empty folder names. */
export function pathSegments(path: string): string[] {
  return path.split(/[\\/]+/).filter((segment) => segment.length > 0);
}

export function extractProjectName(path: string): string {
  const segments = pathSegments(path);
  const base = segments.at(-1);
  if (base === undefined) return 'unknown';
  if (WORKSPACE_FOLDER_NAMES.has(base) && segments.length >= 2) return segments.at(-2)!;
  return base;
}
