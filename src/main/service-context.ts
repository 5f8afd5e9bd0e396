import type { Database } from 'better-sqlite3';
import type { ServiceEvent } from '../shared/api';
import type { SettingsRepo } from './settings/settings-repo';
import type { SourcesRepo } from './store/sources-repo';

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
