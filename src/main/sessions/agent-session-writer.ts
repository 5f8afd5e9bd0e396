import type { AgentKind, AgentSession } from '../../core/agents/agent-session';
import { namespacedSessionId } from '../../core/agents/agent-session-id';
import { agentTurnRows } from '../../core/agents/agent-turn-rows';
import { extractProjectName } from '../../core/project-name';
import { promptText, promptTitle } from '../../core/transcript/prompt';
import type { AgentFileRow, SessionRepo } from './session-repo';

// Sessions of agents other than Claude Code, in the tables Claude's sessions use (sessions,
// session_prompts, session_time_spans, indexed_files with the file's agent), written through
// SessionRepo, the one owner of those tables: this file maps an adapter's sessions to rows and
// holds no SQL. An adapter yields each session complete, so a write replaces the session's
// prompts and turns as a whole. A file's sessions and its indexed_files row are written in one
// transaction.

export interface AgentFileWrite {
  agent: AgentKind;
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  cursor: string | null;
  sessions: AgentSession[];
}

export interface AgentFileError {
  agent: AgentKind;
  path: string;
  error: string;
}

export class AgentSessionWriter {
  constructor(
    private readonly sessions: SessionRepo,
    private readonly now: () => number,
  ) {}

  /** The files of one agent seen before, by path. */
  files(agent: AgentKind): Map<string, AgentFileRow> {
    return this.sessions.agentFiles(agent);
  }

  /** One IMMEDIATE transaction for the batch; returns how many session rows were written. */
  writeBatch(writes: readonly AgentFileWrite[], errors: readonly AgentFileError[]): number {
    const indexedAt = this.now();
    let written = 0;
    this.sessions.inWriteTransaction(() => {
      for (const write of writes) {
        for (const session of write.sessions) this.writeSession(session, write.path, indexedAt);
        written += write.sessions.length;
        const first = write.sessions[0];
        const sessionId = first === undefined ? null : namespacedSessionId(first.agent, first.id);
        const status = write.sessions.length > 0 ? 'ok' : 'no-messages';
        this.sessions.recordAgentFile(write, sessionId, status, indexedAt);
      }
      for (const error of errors) this.sessions.markAgentFileFailed(error, indexedAt);
    });
    return written;
  }

  /** Files that were indexed and are gone now: their sessions stay (tt keeps the history). */
  markMissing(paths: readonly string[]): void {
    this.sessions.markMissing(paths);
  }

  private writeSession(session: AgentSession, path: string, indexedAt: number): void {
    const sessionId = namespacedSessionId(session.agent, session.id);
    const firstText = session.prompts.find((prompt) => prompt.text.trim().length > 0)?.text ?? null;
    this.sessions.replaceAgentSession(
      {
        sessionId,
        parentSessionId:
          session.parentId === null ? null : namespacedSessionId(session.agent, session.parentId),
        projectPath: session.cwd,
        projectName: session.cwd === null ? null : extractProjectName(session.cwd),
        startTime: session.start,
        endTime: session.end === session.start ? null : session.end,
        messageCount: session.messageCount,
        title: session.title,
        firstPrompt: firstText === null ? null : promptTitle(firstText),
        isSubagent: session.parentId === null ? 0 : 1,
        sourcePath: path,
        indexedAt,
        gitBranch: session.gitBranch,
        gitBranchShare: session.gitBranch === null ? null : 1,
        agent: session.agent,
      },
      session.prompts.map((prompt) => ({ ts: prompt.at, text: promptText(prompt.text) })),
      agentTurnRows(session.turns),
    );
  }
}
