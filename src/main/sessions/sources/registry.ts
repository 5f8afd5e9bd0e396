import type { AgentKind } from '../../../core/agents/agent-session';
import type { AgentSource } from './agent-source';
import { codexSource } from './codex';
import { geminiSource } from './gemini';
import { openCodeSource } from './opencode';

// Every agent tt reads besides Claude Code (whose indexer is session-indexer.ts). Adding an
// agent is one line here: its AgentSource does the rest.
export const agentSources: readonly AgentSource[] = [codexSource, openCodeSource, geminiSource];

export function agentSource(agent: AgentKind): AgentSource | undefined {
  return agentSources.find((source) => source.agent === agent);
}
