import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The real Claude Code transcripts kept in the repository (tests/fixtures/claude-real, MIT, see
 * its README), laid out as a projects root.
 */
export const CLAUDE_FIXTURE_ROOT = fileURLToPath(
  new URL('../fixtures/claude-real/projects', import.meta.url),
);

if (!existsSync(CLAUDE_FIXTURE_ROOT)) {
  throw new Error(`the real transcripts are missing: expected them at ${CLAUDE_FIXTURE_ROOT}`);
}
