import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/paths';
import { createServiceContext, type ServiceContext } from '../../src/main/service-context';
import { openDatabase } from '../../src/main/store/database';

/**
 * A context for testing one part of the service (the indexer with other worker options, the
 * events with a shorter timeout) on a data directory a TtService opened: its own handle on the
 * same database, closed when the test ends. Everything else goes through the service's methods.
 */
export function partContext(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; now?: () => number } = {},
): ServiceContext {
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  onTestFinished(() => {
    db.close();
  });
  return createServiceContext(db, { dataDir, env: options.env ?? {}, now: options.now });
}
