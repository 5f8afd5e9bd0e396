import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The projects tree of issue 15's D1: two sessions, P1 and P2, each with a subagent file named
// agent-a5f3c21.jsonl. P1's subagent works for 29 minutes (30 messages), P2's for 5 (6 messages).
// Tests of the indexer and of the session-identity migration build it the same way.

export const P1 = 'p1000000-0000-4000-8000-000000000001';
export const P2 = 'p2000000-0000-4000-8000-000000000002';
export const AGENT = 'agent-a5f3c21';
export const CLASH_T0 = Date.parse('2026-02-10T10:00:00.000Z');

const iso = (minutes: number): string => new Date(CLASH_T0 + minutes * 60_000).toISOString();

export function transcriptLine(
  type: 'user' | 'assistant',
  minutes: number,
  options: { cwd: string; sessionId: string; text?: string; uuid?: string; sidechain?: boolean },
): string {
  return JSON.stringify({
    type,
    cwd: options.cwd,
    sessionId: options.sessionId,
    isSidechain: options.sidechain ?? false,
    uuid: options.uuid ?? `${options.sessionId}-${type}-${minutes}`,
    message:
      type === 'user'
        ? { role: 'user', content: options.text ?? `prompt at ${minutes}` }
        : { role: 'assistant', content: [{ type: 'text', text: `answer at ${minutes}` }] },
    timestamp: iso(minutes),
  });
}

/** A subagent's messages: one a minute from `from`, alternating task and answer. */
function subagentLines(sessionId: string, cwd: string, from: number, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      transcriptLine(i % 2 === 0 ? 'user' : 'assistant', from + i, {
        cwd,
        sessionId,
        sidechain: true,
        text: i === 0 ? `task of ${sessionId}` : undefined,
        uuid: `${sessionId}-agent-${i}`,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes P1 (project alpha) and P2 (project beta), each with its agent-a5f3c21; returns the root. */
export function writeClashingSubagents(root: string): { root: string; p1Agent: string; p2Agent: string } {
  const alpha = join(root, '-home-sam-alpha');
  const beta = join(root, '-home-sam-beta');
  const write = (
    dir: string,
    sessionId: string,
    cwd: string,
    start: number,
    agentMessages: number,
  ): string => {
    mkdirSync(join(dir, sessionId, 'subagents'), { recursive: true });
    writeFileSync(
      join(dir, `${sessionId}.jsonl`),
      `${transcriptLine('user', start, { cwd, sessionId, text: `work in ${cwd}` })}\n` +
        `${transcriptLine('assistant', start + 1, { cwd, sessionId })}\n`,
    );
    const agent = join(dir, sessionId, 'subagents', `${AGENT}.jsonl`);
    writeFileSync(agent, subagentLines(sessionId, cwd, start, agentMessages));
    return agent;
  };
  // P1's subagent: 30 messages, minutes 0–29; P2's: 6 messages, minutes 120–125.
  const p1Agent = write(alpha, P1, '/home/sam/alpha', 0, 30);
  const p2Agent = write(beta, P2, '/home/sam/beta', 120, 6);
  return { root, p1Agent, p2Agent };
}
