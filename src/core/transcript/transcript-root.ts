/**
 * The projects root a Claude Code transcript was read from: `<root>/<project>/<id>.jsonl`, or
 * `<root>/<project>/<id>/subagents/agent-<id>.jsonl` for a subagent's.
 */
export function transcriptRoot(path: string): string {
  const parts = path.split('/');
  const subagents = parts.lastIndexOf('subagents');
  const end = subagents >= 3 ? subagents - 2 : parts.length - 2;
  return parts.slice(0, Math.max(1, end)).join('/') || '/';
}
