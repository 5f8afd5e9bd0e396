import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real Claude Code transcripts in shared/, which sits beside the repository (on a
 * developer's machine and in CI alike), laid out as a projects root.
 */
export const CLAUDE_FIXTURE_ROOT = fileURLToPath(
  new URL('../../../shared/fixtures/claude-real/projects', import.meta.url),
);

if (!existsSync(CLAUDE_FIXTURE_ROOT)) {
  throw new Error(`the real transcripts are missing: expected them at ${CLAUDE_FIXTURE_ROOT}`);
}
