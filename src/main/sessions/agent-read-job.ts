import type { AgentKind, AgentParseResult } from '../../core/agents/agent-session';
import { agentSource } from './sources/registry';
import { describeFileError } from './transcript-file-errors';

// One file of another agent, read by its AgentSource in a worker thread (or in-process). A
// file that cannot be read, or a reader that throws, is an outcome with a reason, never a
// crash of the run.

export interface AgentReadJob {
  agent: AgentKind;
  path: string;
  cursor: string | null;
}

export type AgentReadOutcome =
  { ok: true; result: AgentParseResult; cursor: string | null } | { ok: false; reason: string };

export async function readAgentFile(job: AgentReadJob): Promise<AgentReadOutcome> {
  const source = agentSource(job.agent);
  if (source === undefined) return { ok: false, reason: `no reader for agent "${job.agent}"` };
  try {
    return { ok: true, ...(await source.read(job.path, job.cursor)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? `unreadable: ${(error as Error).message}` : describeFileError(error);
    return { ok: false, reason };
  }
}
