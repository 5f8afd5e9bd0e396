import { storableRows, type TimeSpanRow } from '../transcript/turns';
import type { AgentTurn } from './agent-session';

/**
 * An adapter's turns as session_time_spans rows, the rows Claude's turns become: each turn one
 * agent row (its own join key), and the wait from its hand-back to the next turn a handback row,
 * so allocation counts delegated and waiting time the same way for every agent.
 */
export function agentTurnRows(turns: readonly AgentTurn[]): TimeSpanRow[] {
  const sorted = [...turns].sort((a, b) => a.start - b.start);
  const rows: TimeSpanRow[] = [];
  sorted.forEach((turn, i) => {
    const end = Math.max(turn.start, turn.end);
    rows.push({ kind: 'agent', turnStart: turn.start, joinKey: turn.start, start: turn.start, end });
    const next = sorted[i + 1];
    if (next !== undefined && next.start > end) {
      rows.push({ kind: 'handback', turnStart: turn.start, joinKey: end, start: end, end: next.start });
    }
  });
  return storableRows(rows);
}
