import type { AgentKind, AgentParseResult } from '../../../core/agents/agent-session';

/**
 * One agent's session files on this machine. The indexer finds the roots, lists the files,
 * skips files whose size and mtime did not change, and calls `read` for the others with the
 * cursor `read` returned last time (null the first time or after a rewrite). Runs in a worker.
 */
export interface AgentSource {
  agent: AgentKind;
  /** For Settings and README, e.g. "Codex CLI". */
  label: string;
  /** The variable that overrides the default location, e.g. "CODEX_HOME", or null. */
  overrideVariable: string | null;
  /** Where the files live by default, honouring the override variable. */
  defaultRoots(env: Record<string, string | undefined>, home: string): string[];
  /** The files (or the one database) that hold sessions under a root. Missing root: []. */
  listFiles(root: string): Promise<string[]>;
  /**
   * Reads what is new in one file. Returns every session the new part touched, complete
   * (the adapter keeps what it needs to complete them in its cursor), and the next cursor.
   */
  read(path: string, cursor: string | null): Promise<{ result: AgentParseResult; cursor: string | null }>;
}
