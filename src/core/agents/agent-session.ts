/** Which coding agent wrote a session. */
export type AgentKind = 'claude-code' | 'codex' | 'opencode' | 'gemini';

/** A prompt the person typed, at epoch milliseconds. */
export interface AgentPrompt {
  at: number;
  text: string;
}

/** One agent turn: from the person's prompt to the hand-back (the same rule as Claude's turns). */
export interface AgentTurn {
  start: number;
  end: number;
}

/** One session as an adapter yields it: always complete, never a delta. */
export interface AgentSession {
  agent: AgentKind;
  /** The agent's own id for the session (the framework namespaces it if it must). */
  id: string;
  parentId: string | null;
  cwd: string | null;
  gitBranch: string | null;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  messageCount: number;
  title: string | null;
  prompts: AgentPrompt[];
  turns: AgentTurn[];
}

/** Something an adapter skipped, counted, with a reason a person can read. */
export interface SkippedInput {
  reason: string;
  count: number;
}

export interface AgentParseResult {
  sessions: AgentSession[];
  skipped: SkippedInput[];
}
