import type { AgentKind } from './agent-session';

// Session ids are one namespace for every agent. Claude Code's ids stay as they are (its
// history and a person's edits are keyed on them); another agent's id gets its agent as a
// prefix, `codex:<uuid>`, so that two agents that both use UUIDs can never collide.

export function namespacedSessionId(agent: AgentKind, ownId: string): string {
  return agent === 'claude-code' ? ownId : `${agent}:${ownId}`;
}
