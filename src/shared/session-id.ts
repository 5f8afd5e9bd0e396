// The shape of a session id, known to the indexer and to every view. Claude Code names a
// subagent `agent-a` plus six hex digits, unique only under its parent, so a subagent's
// session id includes its parent's: `<parent id>/agent-a5f3c21`, which reads as where the
// file lives (`<parent>/subagents/agent-a5f3c21.jsonl`).

export function subagentSessionId(parentSessionId: string, agentFileId: string): string {
  return `${parentSessionId}/${agentFileId}`;
}

/** The part Claude Code gave: `agent-a5f3c21` for a subagent, the whole id of a main session. */
export function ownSessionId(sessionId: string): string {
  return sessionId.slice(sessionId.lastIndexOf('/') + 1);
}
