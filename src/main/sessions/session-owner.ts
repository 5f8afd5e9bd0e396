// The same transcript on two machines (a synced ~/.claude, a conversation copied and resumed):
// one rule decides whose session it is, on every machine alike. The session belongs to the
// machine whose copy has the latest record (its end; at a tie, the larger machine id), and
// the prompts of both copies are kept. The indexer (a copy read here) and sync's import (a
// copy read elsewhere) both apply it, as this one SQL condition.

/**
 * SQL that is true when the copy ending at `incomingEnd` on machine `incomingMachine` wins
 * over the row held (`sessions.*`, inside an upsert or a query on sessions).
 */
export function latestCopyWins(incomingEnd: string, incomingMachine: string): string {
  const heldEnd = 'coalesce(sessions.end_time, sessions.start_time)';
  return `(sessions.machine_id IS NULL OR sessions.machine_id = ${incomingMachine}
    OR ${incomingEnd} > ${heldEnd}
    OR (${incomingEnd} = ${heldEnd} AND ${incomingMachine} > sessions.machine_id))`;
}

/** The local machine's id, in SQL. */
export const LOCAL_MACHINE_SQL = '(SELECT id FROM machines WHERE is_local = 1)';
