import { join } from 'node:path';
import type { ServiceEvent, StatusReport, TtApi, TtEvents } from '../shared/api';
import { ensureDataDir, DATABASE_FILE_NAME } from './paths';
import { countRows, openDatabase, schemaVersion, type Database } from './store/database';
import { SourcesRepo } from './store/sources-repo';
import { ServiceEventBus } from './service-events';
import { TT_VERSION } from './version';

export interface ServiceOptions {
  dataDir: string;
  /** The environment to read settings from (roots, API key); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Injected so that tests control time; defaults to Date.now. */
  now?: () => number;
}

/**
 * The application service: the one object that the CLI, the Electron IPC handlers and the
 * dashboard's HTTP handlers call. It owns the database handle; front ends own nothing but
 * their transport.
 */
export class TtService implements TtApi, TtEvents {
  readonly db: Database;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => number;
  private readonly events = new ServiceEventBus();
  readonly sources: SourcesRepo;

  private constructor(options: ServiceOptions, db: Database, databasePath: string) {
    this.db = db;
    this.dataDir = options.dataDir;
    this.databasePath = databasePath;
    this.env = options.env ?? process.env;
    this.now = options.now ?? Date.now;
    this.sources = new SourcesRepo(db);
  }

  /** Creates the data directory and database as needed; throws TtError('storage') if it cannot. */
  static open(options: ServiceOptions): TtService {
    ensureDataDir(options.dataDir);
    const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
    return new TtService(options, openDatabase(databasePath), databasePath);
  }

  close(): void {
    this.db.close();
  }

  onEvent(listener: (event: ServiceEvent) => void): () => void {
    return this.events.onEvent(listener);
  }

  protected emit(event: ServiceEvent): void {
    this.events.emit(event);
  }

  async status(): Promise<StatusReport> {
    return {
      version: TT_VERSION,
      dataDir: this.dataDir,
      databasePath: this.databasePath,
      schemaVersion: schemaVersion(this.db),
      counts: {
        sessions: countRows(this.db, 'sessions'),
        events: countRows(this.db, 'events'),
        streams: countRows(this.db, 'streams'),
      },
      sources: this.sources.list(),
    };
  }
}
