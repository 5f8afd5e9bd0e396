import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real Codex rollouts kept in the repository (tests/fixtures/codex, MIT, see its README), as a CODEX_HOME. */
export const CODEX_FIXTURE_HOME = fileURLToPath(new URL('../fixtures/codex/codex-home', import.meta.url));

/** What each rollout holds, derived with jq (tests/fixtures/codex/derive-expected.sh), not by tt. */
export interface CodexExpected {
  file: string;
  id: string;
  cwd: string;
  branch: string | null;
  start: string;
  end: string;
  messages: number;
  prompts: { at: string; text: string }[];
  turns: { start: string; end: string }[];
}

export function codexExpected(): CodexExpected[] {
  const path = fileURLToPath(new URL('../fixtures/codex/expected.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as CodexExpected[];
}

if (!existsSync(CODEX_FIXTURE_HOME)) {
  throw new Error(`the real Codex rollouts are missing: expected them at ${CODEX_FIXTURE_HOME}`);
}
