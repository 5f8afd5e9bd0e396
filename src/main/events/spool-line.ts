// One spool line as an event row: validated, with an id derived from the line itself, so
// that importing the same bytes twice (a re-run, or the app and the CLI at once) inserts once.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { isSpooledEventType, type SpooledEvent } from './spool';
import { isPlausibleTime } from '../../core/plausible-time';

export const IMPLAUSIBLE_EVENT_TIME = 'timestamp before 2000 or after 2199';

export type ParsedLine = { ok: true; id: string; event: SpooledEvent } | { ok: false; reason: string };

export function parseSpoolLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'malformed line' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'malformed line' };
  const record = value as Record<string, unknown>;
  if (!isSpooledEventType(record.type)) return { ok: false, reason: 'unknown event type' };
  if (typeof record.ts !== 'number' || !Number.isFinite(record.ts)) {
    return { ok: false, reason: 'missing or invalid timestamp' };
  }
  // An event is nothing but its time: one outside 2000–2199 is skipped whole.
  if (!isPlausibleTime(record.ts)) return { ok: false, reason: IMPLAUSIBLE_EVENT_TIME };
  const text = (key: string) =>
    typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : null;
  // tmux gives absolute paths; a relative one would be resolved against the importer's own
  // directory and named after whatever project tt happens to run in.
  const cwd = text('cwd');
  if (cwd !== null && !isAbsolute(cwd)) return { ok: false, reason: 'directory not absolute' };
  const window =
    Number.isSafeInteger(record.window) && (record.window as number) >= 0 ? (record.window as number) : null;
  return {
    ok: true,
    id: createHash('sha256').update(line).digest('hex').slice(0, 32),
    event: {
      ts: Math.trunc(record.ts),
      type: record.type,
      pane: text('pane'),
      cwd,
      session: text('session'),
      window,
    },
  };
}
