// `tt ingest pane-focus|scroll --pane ID --cwd DIR --session NAME --window N`: the program a
// tmux hook runs on every focus change, built on its own (out/main/ingest.js) so that it
// loads no commander, no SQLite and no execa — its cost is Node's startup and one append.
// bin/tt.js hands `tt ingest …` here; the tmux hook runs `node out/main/ingest.js …` directly.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../main/paths';
import { isSpooledEventType } from '../main/events/spool';
import { appendEventQuietly, logIngestProblem, type EventInput } from '../main/events/spool-writer';

export interface IngestRequest {
  event: EventInput;
  dataDirFlag: string | undefined;
}

const VALUE_FLAGS = new Set(['--pane', '--cwd', '--session', '--window', '--data-dir']);

/**
 * Reads `[--data-dir D] [-v] ingest TYPE --flag value …` (the leading `ingest` is optional,
 * `--flag=value` works too). Returns null for anything else, so the caller can leave the
 * usage error to the full command line.
 */
export function parseIngestArgs(args: string[]): IngestRequest | null {
  const values = new Map<string, string>();
  let type: string | undefined;
  let sawIngest = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-v' || arg === '--verbose') continue;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      if (!VALUE_FLAGS.has(name)) return null;
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) return null;
      values.set(name, value);
    } else if (arg === 'ingest' && !sawIngest && type === undefined) {
      sawIngest = true;
    } else if (type === undefined && isSpooledEventType(arg)) {
      type = arg;
    } else {
      return null;
    }
  }
  if (!isSpooledEventType(type)) return null;
  const window = values.get('--window');
  if (window !== undefined && window !== '' && !/^\d{1,9}$/.test(window)) return null;
  const orNull = (flag: string) => {
    const value = values.get(flag);
    return value === undefined || value === '' ? null : value;
  };
  return {
    event: {
      type,
      pane: orNull('--pane'),
      // tmux gives absolute paths; a person typing --cwd . means the directory they are in.
      cwd: orNull('--cwd') === null ? null : resolve(orNull('--cwd')!),
      session: orNull('--session'),
      window: window === undefined || window === '' ? null : Number(window),
    },
    dataDirFlag: values.get('--data-dir'),
  };
}

/** The --data-dir of arguments that did not parse, so that the complaint lands in the right log. */
function dataDirFlag(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--data-dir') return args[i + 1];
    if (args[i]!.startsWith('--data-dir=')) return args[i]!.slice('--data-dir='.length);
  }
  return undefined;
}

/** Records the event and returns true, or returns false (recording nothing) when args are not an ingest. */
export function runIngest(args: string[], env: NodeJS.ProcessEnv, now = Date.now()): boolean {
  const request = parseIngestArgs(args);
  if (request === null) return false;
  appendEventQuietly(resolveDataDir(env, request.dataDirFlag), request.event, now);
  return true;
}

// Run directly (`node out/main/ingest.js …`, as the tmux hook does): never fail, never print.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  try {
    if (!runIngest(args, process.env)) {
      const dataDir = resolveDataDir(process.env, dataDirFlag(args));
      logIngestProblem(dataDir, `ignored a malformed ingest: ${JSON.stringify(args)}`, Date.now());
    }
  } catch {
    // Nothing may reach the terminal.
  }
}
