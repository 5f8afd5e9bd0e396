import { readAgentFile, type AgentReadJob, type AgentReadOutcome } from './agent-read-job';
import { parseTranscript, type ParseJob, type ParseOutcome } from './transcript-reader';

/** What a worker does: parse a Claude transcript, or read another agent's file. */
export type WorkerJob = { kind: 'claude'; job: ParseJob } | { kind: 'agent'; job: AgentReadJob };

/** Runs one job where it is called: in a worker thread, or in-process. */
export function runWorkerJob(work: WorkerJob): ParseOutcome | Promise<AgentReadOutcome> {
  return work.kind === 'claude' ? parseTranscript(work.job) : readAgentFile(work.job);
}
