import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { readOutsideText } from '../../outside-file';

// Which directory a Gemini CLI project folder (~/.gemini/tmp/<folder>) belongs to. The chat
// files only hold a hash of it. Newer Gemini CLI names the folder with a short slug, writes the
// directory into `<folder>/.project_root` and keeps a registry `~/.gemini/projects.json`
// ({"projects": {"<directory>": "<slug>"}}); older versions named the folder with the SHA-256
// of the directory, which the registry's directories can be hashed to find.

const PROJECT_ROOT_FILE = '.project_root';
const REGISTRY_FILE = 'projects.json';

/** The directory of the project folder `projectDir` (…/.gemini/tmp/<folder>), or null. */
export function geminiProjectDirectory(projectDir: string): string | null {
  const marker = readSmall(join(projectDir, PROJECT_ROOT_FILE))?.trim();
  if (marker) return marker;
  const folder = basename(projectDir);
  const geminiDir = dirname(dirname(projectDir));
  const registry = parseRegistry(readSmall(join(geminiDir, REGISTRY_FILE)));
  for (const [directory, slug] of registry) {
    if (slug === folder || sha256(directory) === folder) return directory;
  }
  return null;
}

function parseRegistry(text: string | null): [string, string][] {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    const projects = (parsed as { projects?: unknown } | null)?.projects;
    if (typeof projects !== 'object' || projects === null) return [];
    return Object.entries(projects).filter((e): e is [string, string] => typeof e[1] === 'string');
  } catch {
    return [];
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A small text file's content, or null when it is missing, unreadable, not small, or not a
 * regular file (a FIFO there is refused at once, never waited on).
 */
function readSmall(path: string): string | null {
  try {
    return readOutsideText(path, 1 << 20);
  } catch {
    return null;
  }
}
