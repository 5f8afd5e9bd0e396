import type { Command } from 'commander';
import { resolveDataDir } from '../main/paths';
import { TtService } from '../main/service';
import { translateSqliteError } from '../main/store/database';

export interface GlobalOptions {
  dataDir?: string;
  verbose?: boolean;
}

/** Opens the service for one command, runs it, and always closes the database. */
export async function withService<T>(command: Command, run: (service: TtService) => Promise<T>): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const service = TtService.open({ dataDir: resolveDataDir(process.env, globals.dataDir) });
  printNotices(service.notices);
  try {
    return await run(service);
  } catch (error) {
    throw translateSqliteError(error, service.databasePath);
  } finally {
    service.close();
  }
}

/** Writes a value as pretty JSON, the format every `--json` flag promises. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** What opening the data directory changed (permissions tightened), said once on stderr. */
export function printNotices(notices: readonly string[]): void {
  for (const notice of notices) process.stderr.write(`tt: ${notice}\n`);
}
