import { readdirSync } from 'node:fs';

/** The names in a directory, sorted; [] when it is missing or unreadable. */
export function dirEntries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The subdirectories' names in a directory, sorted; [] when it is missing or unreadable. */
export function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}
