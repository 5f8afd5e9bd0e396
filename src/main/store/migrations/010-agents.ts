import type { Migration } from '../migration';

// Sessions from other coding agents (issue 17): Codex CLI, OpenCode, Gemini CLI beside Claude
// Code. A session says which agent wrote it (`agent`; `agent_type` is a Claude subagent's type,
// something else). Their prompts and turns go to the same tables as Claude's (session_prompts,
// session_time_spans), so direct and delegated time are counted the same way for every agent.
// indexed_files says whose file each row is, so the Claude indexer keeps to its own, and another
// agent's reader finds its cursor (parser_state) and skips unchanged files by size and mtime.
export const agentsMigration: Migration = {
  version: 10,
  name: 'agents',
  up: `
    ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT 'claude-code';
    ALTER TABLE indexed_files ADD COLUMN agent TEXT NOT NULL DEFAULT 'claude-code';
    CREATE INDEX idx_indexed_files_agent ON indexed_files(agent);
  `,
};
