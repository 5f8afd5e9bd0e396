// Turns for agents that do not measure them (Gemini CLI, OpenCode): the same rule as Claude
// Code's turns without a turn_duration record. A turn starts when work is handed to the agent
// (the person's prompt; in a subagent, the task its parent gave it) and ends at the agent's
// last record before the next hand-over: the hand-back. A hand-over the agent never answered
// is no turn.

import type { AgentTurn } from './agent-session';

/** One dated record in session order: a hand-over to the agent, or the agent at work. */
export interface TurnMark {
  at: number;
  kind: 'handover' | 'agent';
}

export function turnsOf(marks: readonly TurnMark[]): AgentTurn[] {
  const turns: AgentTurn[] = [];
  let start: number | null = null;
  let end: number | null = null;
  const close = (): void => {
    if (start !== null && end !== null) turns.push({ start, end: Math.max(start, end) });
    start = null;
    end = null;
  };
  for (const mark of marks) {
    if (mark.kind === 'handover') {
      close();
      start = mark.at;
    } else if (start !== null && (end === null || mark.at > end)) {
      end = mark.at;
    }
  }
  close();
  return turns;
}
