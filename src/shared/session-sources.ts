// The coding agents whose sessions tt reads, by the names settings and reports use. The same
// names as AgentKind in core/agents/agent-session.ts (a test keeps the two lists equal).
export const SESSION_SOURCE_NAMES = ['claude-code', 'codex', 'opencode', 'gemini'] as const;
export type SessionSourceName = (typeof SESSION_SOURCE_NAMES)[number];

/** How each agent is named in lists, tooltips and reports. */
export const SESSION_SOURCE_LABELS: Record<SessionSourceName, string> = {
  'claude-code': 'Claude Code',
  codex: 'Codex CLI',
  opencode: 'OpenCode',
  gemini: 'Gemini CLI',
};

/** The label of an agent name, or the name itself for one this version does not know. */
export function agentLabel(name: string): string {
  return (SESSION_SOURCE_LABELS as Record<string, string>)[name] ?? name;
}
