import type { AgentIndexRun } from './agent-indexer';
import type { IndexRun } from './session-indexer';

/** One summary for one index run: the other agents' files count with Claude Code's. */
export function addAgentRun(run: IndexRun, agents: AgentIndexRun, durationMs: number): void {
  for (const root of agents.roots) run.roots.push(root);
  run.filesSeen += agents.filesSeen;
  run.filesIndexed += agents.filesIndexed;
  run.filesUnchanged += agents.filesUnchanged;
  run.filesSkipped += agents.filesSkipped;
  for (const [reason, n] of Object.entries(agents.skippedReasons)) {
    run.skippedReasons[reason] = (run.skippedReasons[reason] ?? 0) + n;
  }
  run.sessionsWritten += agents.sessionsWritten;
  run.bytesRead += agents.bytesRead;
  for (const problem of agents.problems) run.problems.push(problem);
  run.otherSources = agents.bySource.filter((source) => source.roots.length > 0);
  run.workerFallback ??= agents.workerFallback;
  run.durationMs += durationMs;
  run.phaseMs.otherSources = durationMs;
}
