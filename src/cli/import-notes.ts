import type { ImportResult } from '../shared/api';
import type { TtService } from '../main/service';
import { printable } from './format';

/**
 * Brings focus events the tmux hook spooled into the database, so that a command working from
 * them (`events`, `infer`, `report`) sees every one, and says on stderr (so that --json output
 * stays clean) which spool lines were skipped and why.
 */
export async function importPendingEvents(service: TtService): Promise<ImportResult> {
  const result = await service.importEvents();
  const notes: string[] = [];
  for (const [reason, count] of Object.entries(result.skipped))
    notes.push(`skipped ${count} spool line(s): ${reason}`);
  for (const warning of result.warnings) notes.push(warning);
  for (const note of notes) process.stderr.write(`tt: ${printable(note)}\n`);
  return result;
}
