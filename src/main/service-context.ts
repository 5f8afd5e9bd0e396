import type { Database } from 'better-sqlite3';
import type { ServiceEvent } from '../shared/api';
import type { SecretStore } from './settings/secret-store';
import { SettingsRepo } from './settings/settings-repo';
import { SourcesRepo } from './store/sources-repo';

/** What every part of the service shares: the database, settings, the clock, and the event bus. */
export interface ServiceContext {
  db: Database;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Injected so that tests control time. */
  now: () => number;
  settings: SettingsRepo;
  sources: SourcesRepo;
  emit(event: ServiceEvent): void;
}

/**
 * The context the service's parts share. TtService makes the one its parts use; a test of one
 * part (the indexer with other options, say) makes its own on the same database.
 */
export function createServiceContext(
  db: Database,
  options: {
    dataDir: string;
    env: NodeJS.ProcessEnv;
    now?: () => number;
    secrets?: SecretStore | null;
    emit?: (event: ServiceEvent) => void;
  },
): ServiceContext {
  return {
    db,
    dataDir: options.dataDir,
    env: options.env,
    now: options.now ?? Date.now,
    settings: new SettingsRepo(db, options.env, options.secrets ?? null),
    sources: new SourcesRepo(db),
    emit: options.emit ?? (() => {}),
  };
}
