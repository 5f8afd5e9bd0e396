import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 8_192;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
export const DEFAULT_ATTENTION_WINDOW_MINUTES = 5;
export const DEFAULT_SESSION_TIMEOUT_MINUTES = 30;
export const DEFAULT_AWAY_AFTER_MINUTES = 5;

/**
 * Claude Code's projects roots when none are configured: each `$CLAUDE_CONFIG_DIR` entry
 * (it may list several, comma-separated) + `/projects`, else `~/.claude/projects` and
 * `~/.config/claude/projects` (newer versions use the latter).
 */
export function defaultProjectRoots(env: NodeJS.ProcessEnv): string[] {
  const configDirs = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean);
  if (configDirs.length > 0) return configDirs.map((dir) => join(dir, 'projects'));
  const home = env.HOME || homedir();
  return [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')];
}
