// The coding agents whose sessions tt reads, by the names settings and reports use. The same
// names as AgentKind in core/agents/agent-session.ts (a test keeps the two lists equal).
export const SESSION_SOURCE_NAMES = ['claude-code', 'codex', 'opencode', 'gemini'] as const;
export type SessionSourceName = (typeof SESSION_SOURCE_NAMES)[number];
